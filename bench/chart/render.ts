/** Redraws a chart from a results file: npx tsx bench/chart/render.ts bench/results/full.json bench/results/latency.png */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from '../lib/results.js';
import { renderChart } from './chart.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: tsx bench/chart/render.ts <results.json> <out.png>');
  process.exit(2);
}
writeFileSync(output, renderChart(JSON.parse(readFileSync(input, 'utf8')) as BenchResults));
console.log(`wrote ${output}`);
