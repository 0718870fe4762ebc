/**
 * What the topology test found: named checks (each passes or fails) and the figures.
 */
export class Report {
  readonly checks: { name: string; ok: boolean; detail?: string }[] = [];
  readonly figures: string[] = [];
  constructor(private readonly log: (line: string) => void) {}

  check(name: string, ok: boolean, detail?: string): boolean {
    this.checks.push({ name, ok, detail });
    this.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail && !ok ? `\n         ${detail}` : ''}`);
    return ok;
  }

  /** A check that throws fails with its message instead of ending the run. */
  async attempt(name: string, fn: () => Promise<boolean | string>): Promise<void> {
    try {
      const r = await fn();
      this.check(name, r === true, typeof r === 'string' ? r : undefined);
    } catch (err) {
      this.check(name, false, (err as Error).message);
    }
  }

  figure(line: string): void {
    this.figures.push(line);
  }

  get passed(): number {
    return this.checks.filter((c) => c.ok).length;
  }
  get failed(): number {
    return this.checks.filter((c) => !c.ok).length;
  }

  summary(): string[] {
    return [
      ...this.figures.map((f) => `  ${f}`),
      ...this.checks.filter((c) => !c.ok).map((c) => `  FAILED: ${c.name}${c.detail ? `: ${c.detail}` : ''}`),
      `topology: ${this.passed} passed, ${this.failed} failed`,
    ];
  }
}
