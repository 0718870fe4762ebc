/**
 * The console's calls to the API: same origin, authenticated by the HttpOnly session cookie (the
 * browser sends it; no script ever sees a key). Errors arrive as problem+json and are thrown as
 * ApiError with the problem's detail, which the pages show as it is.
 */
import type { CaseView } from '../../domain/case/types.js';

export type { CaseView };

export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

export interface Me {
  role: 'integrator' | 'agent' | 'supervisor' | 'admin';
  name: string;
  actor: string;
  agent: { id: string; name: string; team: string } | null;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      title: p.title ?? res.statusText,
      detail: p.detail ?? `${res.status} ${res.statusText}`,
      errors: p.errors,
    });
  }
  return parsed as T;
}

export interface TimelineItem {
  seq: number;
  at: string;
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
