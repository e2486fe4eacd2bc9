/**
 * Prints `… rows (n rows/s)` to stderr at most every `everyMs`, so a million-row route shows
 * it is alive without flooding a log.
 */
export class Progress {
  private readonly started = performance.now();
  private last = this.started;

  constructor(
    private readonly label: string,
    private readonly everyMs = 2000,
  ) {}

  tick(count: number): void {
    const now = performance.now();
    if (now - this.last < this.everyMs) return;
    this.last = now;
    const rate = Math.round(count / ((now - this.started) / 1000));
    process.stderr.write(`${this.label} ${count.toLocaleString('en')} rows (${rate.toLocaleString('en')} rows/s)\n`);
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
