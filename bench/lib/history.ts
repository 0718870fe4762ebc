/** What a workflow's history costs: events, payload bytes, encoded size, events by type. */
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;

export interface HistoryCost {
  events: number;
  /** Sum of every Payload's `data` in the history (what the data converter produced). */
  payloadBytes: number;
  /** Sum of every Payload's metadata bytes (encoding names etc.). */
  payloadMetadataBytes: number;
  payloads: number;
  /** The whole history, protobuf-encoded (what the server stores and sends on replay). */
  encodedBytes: number;
  byType: Record<string, number>;
  /** Payload data bytes by the event type that carries them. */
  payloadBytesByType: Record<string, number>;
}

const EVENT_TYPE_NAMES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;

function isPayload(
  v: unknown,
): v is { data?: Uint8Array | null; metadata?: Record<string, Uint8Array> | null } {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return o.data instanceof Uint8Array && (o.metadata === undefined || typeof o.metadata === 'object');
}

function walk(v: unknown, acc: { bytes: number; meta: number; count: number }, depth = 0): void {
  if (!v || typeof v !== 'object' || depth > 40) return;
  if (v instanceof Uint8Array) return;
  if (isPayload(v)) {
    acc.count += 1;
    acc.bytes += v.data?.length ?? 0;
    for (const m of Object.values(v.metadata ?? {})) acc.meta += m?.length ?? 0;
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) walk(x, acc, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === 'eventTime' || k === 'eventId' || k === 'taskId') continue;
    walk(x, acc, depth + 1);
  }
}

export async function historyCost(handle: WorkflowHandle): Promise<HistoryCost> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const acc = { bytes: 0, meta: 0, count: 0 };
  const byType: Record<string, number> = {};
  const payloadBytesByType: Record<string, number> = {};
  for (const e of events) {
    const before = acc.bytes;
    walk(e, acc);
    const t = e.eventType ?? 0;
    const name = (EVENT_TYPE_NAMES[t as number] ?? String(t)).replace(/^EVENT_TYPE_/, '');
    byType[name] = (byType[name] ?? 0) + 1;
    if (acc.bytes > before) payloadBytesByType[name] = (payloadBytesByType[name] ?? 0) + acc.bytes - before;
  }
  const encodedBytes = temporal.api.history.v1.History.encode(
    temporal.api.history.v1.History.fromObject(history as Record<string, unknown>),
  ).finish().length;
  return {
    events: events.length,
    payloadBytes: acc.bytes,
    payloadMetadataBytes: acc.meta,
    payloads: acc.count,
    encodedBytes,
    byType,
    payloadBytesByType,
  };
}

/** Mean of several histories' costs (integers rounded), with the byType of the first. */
export function meanCost(costs: HistoryCost[]): HistoryCost & { samples: number } {
  const n = costs.length || 1;
  const mean = (f: (c: HistoryCost) => number) => Math.round(costs.reduce((a, c) => a + f(c), 0) / n);
  return {
    samples: costs.length,
    events: mean((c) => c.events),
    payloadBytes: mean((c) => c.payloadBytes),
    payloadMetadataBytes: mean((c) => c.payloadMetadataBytes),
    payloads: mean((c) => c.payloads),
    encodedBytes: mean((c) => c.encodedBytes),
    byType: costs[0]?.byType ?? {},
    payloadBytesByType: costs[0]?.payloadBytesByType ?? {},
  };
}
