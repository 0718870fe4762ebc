/** `npm run build`'s second step: the workflow bundle the compiled worker loads (dist/workflow-bundle.js). */
import path from 'node:path';
import { buildShippedBundle } from '../dev/workflow-bundle.js';

const t0 = Date.now();
// Run by `npm run build` after tsc: the manifest records that dist/ matches the sources too.
const file = await buildShippedBundle({ compiled: true });
console.log(`workflow bundle: ${path.relative(process.cwd(), file)} (${Date.now() - t0} ms)`);
