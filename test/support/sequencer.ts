/**
 * The order test files start in. With every file's last duration in vitest's cache (a second run
 * on the same clone), vitest's own order: longest first. On a fresh clone it would go by file size,
 * which starts the longest files (chaos, the process and browser tests: short files, long runs)
 * last, with one worker idle while they finish. Then the folders known to be slow go first.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FIRST = ['chaos', 'process', 'browser', 'docs', 'http', 'workflow', 'db', 'unit'];

function rank(spec: TestSpecification): number {
  const folder = path
    .relative(path.join(spec.project.config.root, 'test'), spec.moduleId)
    .split(path.sep)[0]!;
  const i = SLOW_FIRST.indexOf(folder);
  return i < 0 ? SLOW_FIRST.length : i;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const known = files.every((f) =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${path.relative(root, f.moduleId)}`),
    );
    // Array.prototype.sort is stable: within a folder, vitest's order (larger files first).
    return known ? sorted : [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
