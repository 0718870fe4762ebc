/**
 * The order test files start in. With every file's last duration in vitest's cache, vitest's own
 * order: longest first. Without (a fresh clone) it goes by file size, which started the chaos test
 * (a short file, the longest run) last, with the other worker idle while it finished. Then the
 * chaos test starts first, beside the other files in vitest's order. Only it: the other files that
 * start whole services (process, browser, docs) failed their 150 s start-up bound when they all
 * started at once beside it on a loaded machine, so they keep their places among light files.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FIRST = ['chaos'];

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
    // Array.prototype.sort is stable: otherwise vitest's order (larger files first).
    return known ? sorted : [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
