/**
 * The integrator side: HTTP calls that retry what an integrator would retry (503, 502/504, 429,
 * connection errors, timeouts — and, counted as a defect, 500) with the same Idempotency-Key,
 * with bounded attempts and backoff; and the case lifecycle the chaos scenarios run many times:
 * open → accept → findings → resolution (guidance) → callback solved → rating 5 → closed.
 */
import { KEYS, type Role } from './cluster.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RetryPolicy {
  /** One attempt; above the API's own UPDATE_TIMEOUT_MS so its 503 arrives first. */
  attemptTimeoutMs: number;
  /** All attempts of one request together. */
  deadlineMs: number;
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attemptTimeoutMs: 25_000,
  deadlineMs: 180_000,
  maxAttempts: 200,
  initialBackoffMs: 200,
  maxBackoffMs: 2000,
};

/** What the integrator saw: every answer by status, every transport failure, every defect. */
export class HttpStats {
  requests = 0;
  retries = 0;
  byStatus = new Map<string, number>();
  /** Defects: a 500, an answer that contradicts the lifecycle, a 4xx on a retried request. */
  errors: string[] = [];

  count(outcome: string): void {
    this.byStatus.set(outcome, (this.byStatus.get(outcome) ?? 0) + 1);
  }
  get(outcome: string): number {
    return this.byStatus.get(outcome) ?? 0;
  }
  error(message: string): void {
    if (this.errors.length < 200) this.errors.push(message);
  }
  summary(): string {
    return [...this.byStatus.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
  }
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

export class GiveUp extends Error {}

export class Integrator {
  constructor(
    /** Where requests go: one URL, or a function choosing one per attempt (a load balancer). */
    readonly baseUrl: string | (() => string),
    readonly stats: HttpStats,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** One attempt; throws on transport errors and timeouts. */
  async once(
    role: Role | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = this.retry.attemptTimeoutMs,
  ): Promise<Answer> {
    const base = typeof this.baseUrl === 'function' ? this.baseUrl() : this.baseUrl;
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(role ? { Authorization: `Bearer ${KEYS[role]}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /**
   * A request retried until it gets an answer that is not "try again": 2xx or a 4xx other than 429.
   * Every attempt carries the same Idempotency-Key (when given). Bounded by attempts and time.
   */
  async call(
    role: Role,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
    hooks: { onAttempt?: () => void; onSettled?: () => void } = {},
  ): Promise<Answer & { attempts: number }> {
    const started = Date.now();
    let backoff = this.retry.initialBackoffMs;
    let last = '';
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      if (attempt > 1) this.stats.retries += 1;
      this.stats.requests += 1;
      hooks.onAttempt?.();
      let retryable: boolean;
      try {
        const a = await this.once(
          role,
          method,
          path,
          body,
          idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
        );
        this.stats.count(String(a.status));
        if (a.status === 500) {
          this.stats.error(`${method} ${path}: 500 ${JSON.stringify(a.body)?.slice(0, 300)}`);
        }
        if (a.status === 503 && !(Number(a.headers.get('retry-after')) > 0)) {
          this.stats.error(`${method} ${path}: 503 without Retry-After`);
        }
        retryable = a.status >= 500 || a.status === 429;
        if (!retryable) return { ...a, attempts: attempt };
        last = `HTTP ${a.status} ${JSON.stringify(a.body)?.slice(0, 200)}`;
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        const kind =
          e.name === 'TimeoutError' ? 'timeout' : `net:${e.cause?.code ?? e.name ?? 'error'}`.slice(0, 40);
        this.stats.count(kind);
        last = `${kind} ${e.message}`;
      } finally {
        hooks.onSettled?.();
      }
      if (Date.now() - started > this.retry.deadlineMs) break;
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
      backoff = Math.min(this.retry.maxBackoffMs, backoff * 1.6);
    }
    throw new GiveUp(
      `${method} ${path}: gave up after ${((Date.now() - started) / 1000).toFixed(0)} s; last: ${last}`,
    );
  }
}

// --- the lifecycle -----------------------------------------------------------------------------------

/** The timeline one lifecycle must leave: each type exactly this often, seq 1..n without gaps. */
export const EXPECTED_EVENTS: Record<string, number> = {
  'case.opened': 1,
  'case.classified': 1,
  'case.assigned': 1,
  'case.accepted': 1,
  'case.findings_recorded': 1,
  'case.resolution_proposed': 1,
  'case.resolved': 1,
  'case.callback': 1,
  'case.rated': 1,
  'case.closed': 1,
};
export const EXPECTED_EVENT_COUNT = Object.values(EXPECTED_EVENTS).reduce((a, b) => a + b, 0);

interface Step {
  action: string;
  role: Role;
  body: Record<string, unknown>;
  /** The case's status in the answer. */
  then: string;
}

const STEPS: Step[] = [
  { action: 'accept', role: 'agent', body: {}, then: 'investigating' },
  {
    action: 'findings',
    role: 'agent',
    body: { summary: 'Feed roller worn; reproduced on site', rootCause: 'hardware' },
    then: 'investigating',
  },
  {
    action: 'resolution',
    role: 'agent',
    body: { summary: 'Explained how to re-seat the feed roller', remedy: 'guidance' },
    then: 'resolved',
  },
  { action: 'callback', role: 'agent', body: { reached: true, solved: true }, then: 'awaiting_rating' },
  { action: 'rating', role: 'integrator', body: { score: 5, comment: 'quick and clear' }, then: 'closed' },
];
/** open + the actions */
export const STEPS_PER_LIFECYCLE = 1 + STEPS.length;

export interface Lifecycle {
  index: number;
  /** Idempotency-Key prefix and customer id: unique per lifecycle of a run. */
  tag: string;
  customerId: string;
  caseId?: string;
  status?: string;
  finished: boolean;
  stepsDone: number;
  failure?: string;
  /** The seqs of its timeline, once verified. */
  events?: number[];
  /** Cases beyond the first for its key, once verified. */
  extraCases?: number;
}

/** Shared progress of the lifecycles of one scenario, for timing the fault. */
export class Progress {
  stepsDone = 0;
  opensInFlight = 0;
  opensAnswered = 0;
  private waiters: { at: number; resolve: () => void }[] = [];

  step(): void {
    this.stepsDone += 1;
    this.waiters = this.waiters.filter((w) => (w.at <= this.stepsDone ? (w.resolve(), false) : true));
  }
  /** Resolves when `steps` are done, or after `timeoutMs` anyway (the fault must come, bounded). */
  until(steps: number, timeoutMs: number): Promise<void> {
    if (this.stepsDone >= steps) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push({
        at: steps,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

export function caseBody(customerId: string, index: number) {
  return {
    type: 'fault_report',
    channel: 'api',
    subject: `Label printer ${index} feeds paper crooked`,
    description: 'Labels come out skewed by a few millimetres since last week.',
    customer: {
      id: customerId,
      name: `Chaos Customer ${index}`,
      email: `chaos-${index}@example.com`,
      organisation: 'Chaos Logistics',
    },
    externalRef: customerId,
  };
}

/**
 * Runs a lifecycle's steps up to `until` (all by default), from where it stands: a lifecycle
 * stopped half-way goes on with another call (the rolling upgrade changes workers in between).
 */
export async function runLifecycle(
  api: Integrator,
  lc: Lifecycle,
  progress: Progress,
  until = STEPS_PER_LIFECYCLE,
): Promise<void> {
  try {
    if (lc.stepsDone === 0 && until > 0) await openCase(api, lc, progress);
    for (const step of STEPS.slice(lc.stepsDone - 1, until - 1)) {
      const a = await api.call(
        step.role,
        'POST',
        `/v1/cases/${lc.caseId}/${step.action}`,
        step.body,
        `${lc.tag}:${step.action}`,
      );
      if (a.status !== 200) {
        // A retry with the same key must give the same answer, never a conflict.
        api.stats.error(
          `${lc.tag} ${step.action} (attempt ${a.attempts}): ${a.status} ${JSON.stringify(a.body)?.slice(0, 300)}`,
        );
        throw new Error(`${step.action}: ${a.status}`);
      }
      lc.status = a.body.status;
      if (a.body.status !== step.then) {
        api.stats.error(
          `${lc.tag} ${step.action}: answered status '${a.body.status}', expected '${step.then}'`,
        );
      }
      lc.stepsDone += 1;
      progress.step();
    }
    lc.finished = lc.stepsDone === STEPS_PER_LIFECYCLE;
  } catch (err) {
    lc.failure = (err as Error).message;
  }
}

async function openCase(api: Integrator, lc: Lifecycle, progress: Progress): Promise<void> {
  const opened = await api.call(
    'integrator',
    'POST',
    '/v1/cases',
    caseBody(lc.customerId, lc.index),
    `${lc.tag}:open`,
    {
      onAttempt: () => void (progress.opensInFlight += 1),
      onSettled: () => void (progress.opensInFlight -= 1),
    },
  );
  progress.opensAnswered += 1;
  if (opened.status !== 201 && opened.status !== 200) {
    throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  }
  if (opened.status === 200 && opened.attempts === 1) {
    api.stats.error(`${lc.tag} open: 200 on the first attempt (the key was new)`);
  }
  lc.caseId = opened.body.id;
  lc.status = opened.body.status;
  lc.stepsDone += 1;
  progress.step();
}

export function newLifecycles(runTag: string, scenario: string, n: number): Lifecycle[] {
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    tag: `${runTag}-${scenario}-${i}`,
    customerId: `chaos-${runTag}-${scenario}-${i}`,
    finished: false,
    stepsDone: 0,
  }));
}
