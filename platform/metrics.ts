/**
 * Prometheus metrics: HTTP latency by route and status, the case and SLA counters the projection
 * sees, webhook deliveries — plus the Temporal SDK's own worker metrics, served on one /metrics.
 */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'cases_process_' });

export const metrics = {
  httpDuration: new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  rateLimited: new Counter({
    name: 'http_rate_limited_total',
    help: 'requests refused by the rate limit, by bucket (key, or address for requests without a valid key)',
    labelNames: ['bucket'] as const,
    registers: [registry],
  }),
  refusalsHeld: new Gauge({
    name: 'http_refusals_held',
    help: 'refusals for an address held back before they are written (RATE_LIMIT_REFUSAL_DELAY_MS)',
    registers: [registry],
  }),
  auditWriteFailures: new Counter({
    name: 'audit_write_failures_total',
    help: 'audit log entries that could not be written (the change itself stood)',
    registers: [registry],
  }),
  casesOpened: new Counter({
    name: 'cases_opened_total',
    help: 'cases opened, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  }),
  casesClosed: new Counter({
    name: 'cases_closed_total',
    help: 'cases ended, by kind and final status (closed, rejected, withdrawn)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  }),
  slaWarnings: new Counter({
    name: 'sla_warnings_total',
    help: 'SLA warnings fired before a deadline, by clock',
    labelNames: ['clock'] as const,
    registers: [registry],
  }),
  slaBreaches: new Counter({
    name: 'sla_breaches_total',
    help: 'SLA deadlines missed, by clock',
    labelNames: ['clock'] as const,
    registers: [registry],
  }),
  webhookDeliveries: new Counter({
    name: 'webhook_deliveries_total',
    help: 'webhook delivery attempts, by outcome (delivered, failed = an attempt failed, gave_up = marked failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  mailMessages: new Counter({
    name: 'mail_messages_total',
    help: 'customer mail attempts, by outcome (sent, failed = an attempt was refused, gave_up = marked failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  projectionFailures: new Counter({
    name: 'case_projection_failures_total',
    help: 'read-model writes that failed, by kind (transient = retried, deterministic = the same error every time)',
    labelNames: ['kind'] as const,
    registers: [registry],
  }),
};

/** Counts the events a projection wrote for the first time (a retried projection counts nothing). */
export function countEvents(kind: string, events: { type: string; data: Record<string, unknown> }[]): void {
  for (const e of events) {
    if (e.type === 'case.opened') metrics.casesOpened.inc({ kind });
    else if (e.type === 'case.closed' || e.type === 'case.rejected' || e.type === 'case.withdrawn') {
      metrics.casesClosed.inc({ kind, status: e.type.slice('case.'.length) });
    } else if (e.type === 'sla.warning') metrics.slaWarnings.inc({ clock: String(e.data.clock) });
    else if (e.type === 'sla.breached') metrics.slaBreaches.inc({ clock: String(e.data.clock) });
  }
}

let sdkMetricsUrl: string | undefined;
/** Where the Temporal SDK's Prometheus exporter listens in this process, once a worker runs here. */
export function setSdkMetricsAddress(bindAddress: string): void {
  sdkMetricsUrl = `http://${bindAddress}/metrics`;
}

export async function renderMetrics(): Promise<string> {
  let sdk = '';
  if (sdkMetricsUrl) {
    try {
      const res = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(2000) });
      if (res.ok) sdk = await res.text();
    } catch {
      // The SDK exporter is optional: our own metrics still answer.
    }
  }
  return `${await registry.metrics()}\n${sdk}`;
}

/** Worker-only processes have no API: they serve /metrics on their own port. */
export function serveMetrics(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    renderMetrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) =>
    server.listen(port, host, () => resolve(server)).once('error', reject),
  );
}
