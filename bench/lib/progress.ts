/** A progress bar on stderr, redrawn in place with `\r`; no dependency. */

const WIDTH = 28;

export class Progress {
  private label = '';
  private total = 0;
  private done = 0;
  private started = 0;
  private lastDraw = 0;
  private readonly runStart = Date.now();
  private active = false;

  constructor(
    private readonly phases: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}
  private phase = 0;

  /** Starts a new bar; `total` = 0 gives an indeterminate one (a spinner with elapsed time). */
  start(label: string, total = 0): void {
    this.finishLine();
    this.phase += 1;
    this.label = label;
    this.total = total;
    this.done = 0;
    this.started = Date.now();
    this.active = true;
    this.draw(true);
  }

  /** Moves the bar to `done` (absolute). */
  update(done: number): void {
    this.done = done;
    this.draw(false);
  }

  /** Relabels the current bar without resetting it. */
  note(label: string): void {
    this.label = label;
    this.draw(true);
  }

  /** Ends the current bar with a final message on its line. */
  end(message?: string): void {
    if (!this.active) return;
    if (this.total) this.done = this.total;
    this.draw(true, message);
    this.stream.write('\n');
    this.active = false;
  }

  /** Prints a line above the bar (the bar is redrawn after it). */
  log(line: string): void {
    this.clearLine();
    this.stream.write(`${line}\n`);
    if (this.active) this.draw(true);
  }

  private finishLine(): void {
    if (this.active) this.end();
  }

  private clearLine(): void {
    if (this.active) this.stream.write(`\r${' '.repeat(this.cols())}\r`);
  }

  private cols(): number {
    return Math.max(60, Math.min(160, this.stream.columns ?? 120)) - 1;
  }

  private draw(force: boolean, message?: string): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const total = ((now - this.runStart) / 1000).toFixed(0);
    let bar: string;
    let tail: string;
    if (this.total > 0) {
      const frac = Math.min(1, this.done / this.total);
      const filled = Math.round(frac * WIDTH);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(frac * 100)).padStart(3)}%`;
      const rate = this.done / Math.max(elapsed, 0.001);
      const eta = this.done > 0 && frac < 1 ? ` ETA ${Math.ceil((this.total - this.done) / rate)}s` : '';
      tail = `${this.done}/${this.total}${eta}`;
    } else {
      const spin = '|/-\\'[Math.floor(now / 150) % 4];
      bar = `[${spin}]`;
      tail = `${elapsed.toFixed(0)}s`;
    }
    const head = `(${this.phase}/${this.phases}) ${this.label}`;
    const line = `${head} ${bar} ${tail}${message ? ` — ${message}` : ''} [${total}s]`;
    const cols = this.cols();
    this.stream.write(`\r${line.length > cols ? line.slice(0, cols) : line.padEnd(cols)}`);
  }
}
