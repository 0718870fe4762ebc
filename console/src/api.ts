/**
 * The console's calls to the API: same origin, authenticated by the HttpOnly session cookie (the
 * browser sends it; no script ever sees a key). Errors arrive as problem+json and are thrown as
 * ApiError with the problem's detail, which the pages show as it is.
 */
import type {
  CasePage,
  CaseView,
  Problem as ProblemBody,
  Session,
  TimelineItem,
} from '../../clients/typescript/src/index.js';

// The API's own shapes, generated from its OpenAPI document (clients/typescript).
export type { CasePage, CaseView, TimelineItem };
/** Who is signed in: role, name, and their agent record. */
export type Me = Session;

/** A problem+json answer as the pages show it (made up from the status when the body is none). */
export type Problem = Pick<ProblemBody, 'status' | 'title' | 'detail' | 'errors'>;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
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

export const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
