/**
 * The workflow bundle the worker ships (dist/workflow-bundle.js): built by `npm run build`, and
 * reused by the replay tests while the sources it was built from are unchanged, rebuilt otherwise.
 * One function builds it for both, so the tests replay the very code a compiled worker loads.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { PROJECT_ROOT } from '../platform/project-root.js';
import { CASE_BUNDLE_OPTIONS, SHIPPED_BUNDLE_PATH } from '../platform/workflow-code.js';

/** The bundler's logger, quiet but for warnings and errors (webpack's progress is noise here). */
export const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  log: () => {},
  warn: (m: string, meta?: unknown) => console.warn(m, meta ?? ''),
  error: (m: string, meta?: unknown) => console.error(m, meta ?? ''),
};

/** Beside the bundle: fingerprints of the sources it, and the compiled dist/, were built from. */
const MANIFEST_PATH = SHIPPED_BUNDLE_PATH.replace(/\.js$/, '.json');

interface Manifest {
  /** The sources the bundle was built from. */
  sources: string;
  /** The sources dist/ was compiled from, when the bundle was built by `npm run build` after tsc. */
  compiled?: string;
  builtAt: string;
}

/**
 * Everything `npm run build` compiles (tsconfig.build.json), not only workflows/ and domain/: an
 * import added anywhere cannot leave a stale bundle looking fresh. The lockfile covers the SDK,
 * luxon and the bundler itself.
 */
function sourceFiles(): string[] {
  const build = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tsconfig.build.json'), 'utf8')) as {
    include: string[];
  };
  return [
    ...build.include.flatMap((d) => filesUnder(path.join(PROJECT_ROOT, d))),
    ...['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(PROJECT_ROOT, f)),
  ].sort();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** A hash of every input file's path and content, and of the bundle options. */
export function sourcesFingerprint(): string {
  const hash = createHash('sha256').update(JSON.stringify(CASE_BUNDLE_OPTIONS));
  for (const file of sourceFiles()) {
    hash.update(path.relative(PROJECT_ROOT, file)).update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : '').update('\0');
  }
  return hash.digest('hex');
}

/**
 * Bundles the case workflows from the sources into dist/workflow-bundle.js; returns its path.
 * `compiled`: called by `npm run build` right after tsc, so dist/ matches these sources too.
 */
export async function buildShippedBundle(
  opts: { compiled?: boolean; logger?: BundleOptions['logger'] } = {},
): Promise<string> {
  const sources = sourcesFingerprint();
  const { code } = await bundleWorkflowCode({
    ...CASE_BUNDLE_OPTIONS,
    logger: opts.logger ?? quietBundlerLogger,
  });
  mkdirSync(path.dirname(SHIPPED_BUNDLE_PATH), { recursive: true });
  // Written whole then renamed: a worker or test reading it never sees half a bundle.
  const tmp = `${SHIPPED_BUNDLE_PATH}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, SHIPPED_BUNDLE_PATH);
  const manifest: Manifest = {
    sources,
    ...(opts.compiled ? { compiled: sources } : {}),
    builtAt: new Date().toISOString(),
  };
  writeFileSync(MANIFEST_PATH, JSON.stringify(manifest) + '\n');
  return SHIPPED_BUNDLE_PATH;
}

/** The shipped bundle, rebuilt first if it is missing or its sources changed since it was built. */
export async function shippedBundle(): Promise<{ codePath: string }> {
  const manifest = readManifest();
  if (!manifest || manifest.sources !== sourcesFingerprint() || !existsSync(SHIPPED_BUNDLE_PATH))
    await buildShippedBundle();
  return { codePath: SHIPPED_BUNDLE_PATH };
}

/** Whether dist/ (compiled code and bundle) was built by `npm run build` from today's sources. */
export function buildIsFresh(): boolean {
  const manifest = readManifest();
  return !!manifest && manifest.compiled === sourcesFingerprint() && existsSync(SHIPPED_BUNDLE_PATH);
}

function readManifest(): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
