/**
 * What Temporal stores of a workflow, as text a test can search: every run's history (following
 * continue-as-new back to the first run) with every payload decoded by the payload codec, the way
 * anyone holding the codec keys would read it.
 */
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type proto from '@temporalio/proto';

type History = proto.temporal.api.history.v1.IHistory;

export async function runHistories(client: Client, workflowId: string): Promise<History[]> {
  const runs: History[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    const started: proto.temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes | null | undefined =
      history.events?.[0]?.workflowExecutionStartedEventAttributes;
    runId = started?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/** Every string of the histories, payloads decoded with `codec` (sealed values stay sealed). */
export async function decodedHistoryText(client: Client, workflowId: string, codec: PayloadCodec) {
  const texts: string[] = [];
  const walk = async (v: unknown): Promise<void> => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) for (const x of v) await walk(x);
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const o = v as Record<string, unknown>;
      if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object') {
        const [plain] = await codec.decode([o as never]);
        texts.push(Buffer.from(plain!.data ?? new Uint8Array()).toString('utf8'));
        return;
      }
      for (const x of Object.values(o)) await walk(x);
    }
  };
  const runs = await runHistories(client, workflowId);
  for (const run of runs) await walk(run);
  return { runs: runs.length, text: texts.join('\n') };
}
