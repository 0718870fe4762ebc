import { runLoad } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { openCase } from './common.js';

/**
 * Warm-up: cases opened and withdrawn (their workflows complete), so the worker has done real
 * work before the first memory checkpoint and the open-case count stays where it was.
 */
export async function churn(ctx: BenchContext): Promise<{ cases: number; errors: number }> {
  const { opts, progress, api } = ctx;
  progress.start('warm-up: open and withdraw cases (the worker is measured warm)', opts.churn);
  const load = await runLoad(
    opts.churn,
    opts.concurrency,
    async (i) => {
      const view = await openCase(ctx, i);
      await api.expect([200], 'integrator', 'POST', `/v1/cases/${view.id}/withdraw`, {
        reason: 'bench warm-up',
      });
    },
    (d) => progress.update(d),
  );
  progress.end(load.errors ? `${load.errors} errors: ${load.errorSamples[0]}` : undefined);
  return { cases: opts.churn, errors: load.errors };
}
