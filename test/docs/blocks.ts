/** The shell examples of the README and docs/, as a reader would paste them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ShellBlock {
  /** `README.md:42`: the file and line of the opening fence. */
  where: string;
  code: string;
}

/**
 * Every ```sh / ```bash block of the file, in order. A block is left out only when marked: the
 * info string says `no-run` (```sh no-run) or the line before the fence is `<!-- no-run -->`.
 */
export function shellBlocks(file: string, root: string): { run: ShellBlock[]; noRun: ShellBlock[] } {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const run: ShellBlock[] = [];
  const noRun: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+|~~~+)\s*(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim() === fence);
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    if (lang === 'sh' || lang === 'bash' || lang === 'shell') {
      const block = {
        where: `${file}:${i + 1}`,
        code: lines
          .slice(i + 1, end)
          .map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l))
          .join('\n'),
      };
      const marked = /\bno-run\b/.test(rest!) || /<!--\s*no-run\s*-->/.test(lines[i - 1] ?? '');
      (marked ? noRun : run).push(block);
    }
    i = end;
  }
  return { run, noRun };
}

/** README.md, then every Markdown file under docs/ (sorted). */
export function documentedFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/**
 * One bash script running the blocks in order as pasted, stopping at the first command that fails
 * (errexit, pipefail); `::block <where>` before each and `::done` at the end tell which one failed.
 */
export function driverScript(blocks: ShellBlock[]): string {
  const parts = ['set -eo pipefail'];
  for (const b of blocks) parts.push(`echo '::block ${b.where}'`, b.code);
  parts.push("echo '::done'");
  return parts.join('\n') + '\n';
}
