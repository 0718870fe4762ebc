import type { BenchContext } from '../run.js';
import { BREACH_POLICY } from './common.js';

/** The directory a real deployment has (assignment by workload runs), and the breach drill policy. */
export async function seed(ctx: BenchContext): Promise<void> {
  const agents: [string, string][] = [
    ['bench-fl-1', 'front-line'],
    ['bench-fl-2', 'front-line'],
    ['bench-fl-3', 'front-line'],
    ['bench-fl-4', 'front-line'],
    ['bench-ts-1', 'technical-specialists'],
    ['bench-ts-2', 'technical-specialists'],
    ['bench-cd-1', 'complaints-desk'],
    ['bench-cd-2', 'complaints-desk'],
    ['bench-ps-1', 'product-specialists'],
  ];
  for (const [id, team] of agents)
    await ctx.api.expect([200], 'admin', 'PUT', `/v1/agents/${id}`, { name: `Agent ${id}`, team });
  await ctx.api.expect([200], 'admin', 'PUT', `/v1/sla-policies/${BREACH_POLICY}`, {
    calendar: '24x7',
    respondWithin: ctx.opts.breachAfter,
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'P7D',
  });
}
