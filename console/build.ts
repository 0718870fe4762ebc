/**
 * Builds the console: esbuild bundles src/main.tsx (Preact, JSX) into dist/console/app.js at the
 * project's root; index.html and the stylesheet are copied beside it. The API serves that folder at
 * /console; nothing is fetched from elsewhere at run time. The last step of `npm run build` (alone:
 * `npm run build:console`); tests call buildConsole() themselves.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildConsole(outDir = path.join(here, '../dist/console')): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'src/main.tsx')],
    bundle: true,
    outfile: path.join(outDir, 'app.js'),
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    tsconfig: path.join(here, 'tsconfig.json'),
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
  copyFileSync(path.join(here, 'src/styles.css'), path.join(outDir, 'styles.css'));
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildConsole();
  console.log(`console built into ${path.relative(process.cwd(), out)}`);
}
