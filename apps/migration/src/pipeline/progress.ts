/** The progress line on stderr: a bar, rows, rows/s and ETA (from the bytes read of the total). */
export class Progress {
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(rows: number, bytes: number, force = false): void {
    const now = Date.now();
    const tty = Boolean(this.out.isTTY);
    if (!force && now - this.last < (tty ? 250 : 5000)) return;
    this.last = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const fraction = this.totalBytes > 0 ? Math.min(bytes / this.totalBytes, 1) : 1;
    const rate = rows / seconds;
    const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${rows.toLocaleString('it-IT')} righe · ${Math.round(rate).toLocaleString('it-IT')} righe/s · ` +
      `ETA ${formatSeconds(eta)}`;
    this.out.write(tty ? `\r${line}` : `${line}\n`);
  }

  done(rows: number, bytes: number): void {
    this.update(rows, bytes, true);
    if (this.out.isTTY) this.out.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds); // whole seconds first: 179.6 s is "3 min 0 s", never "2 min 60 s"
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
