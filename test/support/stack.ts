/** A full service (API + worker) on the run's real Temporal and PostgreSQL, for HTTP-level tests. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger, startStack, type Stack } from '../../app/stack.js';
import { bundleCaseWorkflows } from './time-skipping.js';
import { createCaseClient, type CaseClient } from '../../clients/typescript/src/index.js';

export const KEYS = {
  integrator: 'test-integrator-key',
  agent: 'test-agent-key',
  supervisor: 'test-supervisor-key',
  admin: 'test-admin-key',
} as const;
export type TestRole = keyof typeof KEYS;

/** A fixed key for tests; the newest first, an older one still decrypts. */
export const TEST_ENCRYPTION_KEYS =
  'test-2:' + Buffer.alloc(32, 2).toString('base64') + ',test-1:' + Buffer.alloc(32, 1).toString('base64');

export interface TestStack extends Stack {
  url: string;
  taskQueue: string;
  /** Puts these ids in the directory as active agents, in a team that is never auto-assigned. */
  agents(...ids: string[]): Promise<void>;
  /** The generated typed client (clients/typescript), with this role's key. */
  api(role: TestRole): CaseClient;
  call(
    role: TestRole | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

let bundle: Awaited<ReturnType<typeof bundleCaseWorkflows>> | undefined;

export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  // The shipped bundle, loaded by each worker: no webpack run per test file.
  bundle ??= await bundleCaseWorkflows();
  const taskQueue = `cases-test-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_POOL_SIZE: '10',
    TEMPORAL_TASK_QUEUE: taskQueue,
    WEBHOOK_TASK_QUEUE: `${taskQueue}-webhooks`,
    MAIL_TASK_QUEUE: `${taskQueue}-mail`,
    CASE_API_KEYS: Object.entries(KEYS)
      .map(([role, key]) => `${role}=${key}`)
      .join(','),
    // Errors only: an unexpected 500 then shows its cause in the run's output.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    // Test receivers listen on loopback, which webhooks may not reach unless allowed.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1,localhost',
    // Several stacks share a process: each serves its metrics on a free port.
    METRICS_PORT: '0',
    ...env,
  });
  const stack = await startStack(config, {
    roles: ['api', 'worker'],
    workflowBundle: bundle,
    logger: createLogger(config.logLevel),
    progress: () => {},
  });
  const url = stack.apiUrl!;
  return {
    ...stack,
    url,
    taskQueue,
    agents: (...ids) => addBenchAgents(stack.db, ids),
    api: (role) => createCaseClient({ baseUrl: url, apiKey: KEYS[role] }),
    async call(role, method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(role ? { Authorization: `Bearer ${KEYS[role]}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      // A stream of server-sent events never ends: its status and headers are the answer.
      if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
        await res.body?.cancel();
        return { status: res.status, headers: res.headers, body: undefined };
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}

/**
 * A database of the test file's own on the shared server (the stack migrates it at start): for
 * tests that must not see other files' cases, e.g. a subscription to every event type, which
 * would otherwise queue deliveries for every case of every file.
 */
export async function ownDatabase(): Promise<string> {
  const shared = inject('databaseUrl');
  const name = `cases_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: shared });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return url.toString();
}

export function newCaseBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'fault_report',
    channel: 'api',
    subject: 'Grinder stopped responding',
    description: 'The ball mill controller shows error E42 after a power cut.',
    customer: {
      id: `cust-${randomUUID().slice(0, 8)}`,
      name: 'Li Wei',
      email: 'li.wei@example.com',
      organisation: 'Minerals Co',
    },
    ...overrides,
  };
}

/** Assignees must be known, active agents; tests name theirs in a team that takes no kind of case. */
export async function addBenchAgents(db: Stack['db'], ids: string[]): Promise<void> {
  await db
    .insertInto('teams')
    .values({ name: 'test-bench', case_types: JSON.stringify([]), min_level: 1, max_level: 3 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  for (const id of ids) {
    await db
      .insertInto('agents')
      .values({ id, name: id, team: 'test-bench', active: true })
      .onConflict((oc) => oc.column('id').doUpdateSet({ active: true }))
      .execute();
  }
}
