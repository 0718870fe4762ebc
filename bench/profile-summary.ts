/**
 * Summarises V8 .cpuprofile files (from `npm run bench -- --profile worker,api`): self time by
 * function and by package/file, and inclusive time of a few functions named on the command line.
 *
 *   npx tsx bench/profile-summary.ts <profile-or-folder> [--top 30] [--incl name,name]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const args = process.argv.slice(2);
const target = args[0];
if (!target) {
  console.error('usage: tsx bench/profile-summary.ts <profile-or-folder> [--top N] [--incl fn,fn]');
  process.exit(2);
}
const top = Number(args[args.indexOf('--top') + 1] ?? 30) || 30;
const incl = args.includes('--incl') ? (args[args.indexOf('--incl') + 1] ?? '').split(',') : [];

const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];

const where = (url: string) => {
  if (!url) return '(native/vm)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
};

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from samples × deltas (µs).
  const self = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()]
    .filter(([id]) =>
      ['(idle)', '(program)', '(garbage collector)'].includes(byId.get(id)!.callFrame.functionName),
    )
    .map(([id, t]) => [byId.get(id)!.callFrame.functionName, t] as const);
  const busy = total - idle.filter(([n]) => n === '(idle)').reduce((a, [, t]) => a + t, 0);
  const fnSelf = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  const fnIncl = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    const key = `${name} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
    const pkg = where(n.callFrame.url);
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + t);
    // inclusive: walk up once per distinct function name on the stack
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (incl.includes(fn) && !seen.has(fn)) {
        seen.add(fn);
        fnIncl.set(fn, (fnIncl.get(fn) ?? 0) + t);
      }
    }
  }
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  console.log(`\n=== ${path.basename(file)}: ${ms(total)} sampled, ${ms(busy)} busy`);
  for (const [n, t] of idle) console.log(`   ${n}: ${ms(t)}`);
  console.log('--- self time by package / file');
  for (const [k, t] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(t)} ${pct(t)}  ${k}`);
  console.log('--- self time by function');
  for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(t)} ${pct(t)}  ${k}`);
  if (incl.length) {
    console.log('--- inclusive time');
    for (const fn of incl) console.log(`${ms(fnIncl.get(fn) ?? 0)} ${pct(fnIncl.get(fn) ?? 0)}  ${fn}`);
  }
}
