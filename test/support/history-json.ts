/**
 * Histories to and from the standard proto-JSON format (the Temporal CLI's and the Web UI's
 * downloads), done with the protobufjs copy @temporalio/proto is built with: in this install npm
 * keeps separate copies of protobufjs 8.8.1 under @temporalio/common, /proto and /worker, so the
 * SDK's helpers (`historyToJSON`, `historyFromJSON`) fail with "type must be a Type".
 */
import { createRequire } from 'node:module';
import proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root.js';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { shippedBundle } from '../../dev/workflow-bundle.js';

export type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): History | null;
}

function protoJson(): { protojson: ProtoJson; historyType: unknown } {
  const require = createRequire(import.meta.url);
  const protojson = createRequire(require.resolve('@temporalio/proto'))(
    'protobufjs/ext/protojson',
  ) as ProtoJson;
  const historyType = (patchProtobufRoot(proto) as any).lookupType('temporal.api.history.v1.History');
  return { protojson, historyType };
}

export function historyToJSON(history: History): string {
  const { protojson, historyType } = protoJson();
  return JSON.stringify(
    protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)),
    null,
    2,
  );
}

export function historyFromJSON(json: unknown): History {
  const { protojson, historyType } = protoJson();
  const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history) throw new Error('not a history');
  return history;
}

/**
 * For replay tests: the bundle a compiled worker loads (dist/workflow-bundle.js, rebuilt first if
 * its sources changed), with the SDK's runtime logging warnings only.
 */
export async function replayBundle(): Promise<{ codePath: string }> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this process: keep it
  }
  return shippedBundle();
}
