/** Download speed over a sliding window, and the time left at that speed. The clock is injected for tests. */
export class TransferRate {
  private samples: { readonly at: number; readonly bytes: number }[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = 5000,
    /** Below this much elapsed time the speed is not yet known. */
    private readonly minSpanMs = 300,
  ) {}

  /** Records the byte count so far (a count that went down, as when a download starts over, resets the window). */
  record(bytes: number): void {
    const at = this.now();
    if ((this.samples.at(-1)?.bytes ?? 0) > bytes) this.samples = [];
    this.samples.push({ at, bytes });
    // Keep one sample older than the window, so the window is always fully covered.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window, or null until enough time has passed. */
  bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (first === undefined || last === undefined || last.at - first.at < this.minSpanMs) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Milliseconds until `remainingBytes` more arrive at the current speed; null when unknown (or stalled). */
  etaMs(remainingBytes: number): number | null {
    const speed = this.bytesPerSecond();
    if (speed === null || speed <= 0) return null;
    return Math.round((Math.max(0, remainingBytes) * 1000) / speed);
  }
}
