/** A small client for the service's HTTP API, as an integrator calls it. */
import { randomUUID } from 'node:crypto';

export const BENCH_KEYS = {
  integrator: 'bench-integrator-key',
  agent: 'bench-agent-key',
  supervisor: 'bench-supervisor-key',
  admin: 'bench-admin-key',
} as const;
export type BenchRole = keyof typeof BENCH_KEYS;
export const CASE_API_KEYS = Object.entries(BENCH_KEYS)
  .map(([role, key]) => `${role}=${key}`)
  .join(',');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(
    role: BenchRole,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; retryAfter: string | null }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${BENCH_KEYS[role]}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, retryAfter: res.headers.get('retry-after') };
  }

  /** Calls and throws unless the status is one of `ok`. */
  async expect<T = any>(
    ok: number[],
    role: BenchRole,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const r = await this.call<T>(role, method, path, body, headers);
    if (!ok.includes(r.status)) throw new ApiError(r.status, r.body, `${method} ${path}`);
    return r.body;
  }
}

const CASE_TYPES = ['fault_report', 'complaint', 'inquiry'] as const;
const CHANNELS = ['api', 'web', 'email', 'phone'] as const;

/** A realistic new case, as an integrator would send it; `i` varies type, channel and customer. */
export function caseBody(i: number, extra: Record<string, unknown> = {}) {
  const id = randomUUID().slice(0, 12);
  return {
    type: CASE_TYPES[i % CASE_TYPES.length],
    channel: CHANNELS[i % CHANNELS.length],
    subject: `Ball mill controller shows E42 after a power cut (#${i})`,
    description:
      'The BM-200 controller at plant 3 shows error E42 since this morning’s power cut; production line 2 is stopped. Restarting did not help.',
    product: 'Ball mill BM-200',
    externalRef: `CRM-${id}`,
    customer: {
      id: `bench-cus-${id}`,
      name: 'Li Wei',
      email: `li.wei+${id}@example.com`,
      organisation: 'Minerals Co',
    },
    ...extra,
  };
}

export const newIdempotencyKey = () => randomUUID();
