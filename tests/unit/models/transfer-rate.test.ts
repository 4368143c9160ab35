import { describe, expect, it } from 'vitest';
import { TransferRate } from '../../../electron/core/models/transfer-rate.ts';

describe('TransferRate', () => {
  const at = (times: number[]) => {
    let i = 0;
    return () => times[Math.min(i++, times.length - 1)] ?? 0;
  };

  it('is unknown until enough time has passed, then bytes per second over the window', () => {
    const rate = new TransferRate(at([0, 100, 1000]), 5000, 300);
    rate.record(0);
    rate.record(100_000);
    expect(rate.bytesPerSecond()).toBeNull();
    expect(rate.etaMs(1000)).toBeNull();
    rate.record(1_000_000);
    expect(rate.bytesPerSecond()).toBe(1_000_000);
    expect(rate.etaMs(2_000_000)).toBe(2000);
  });

  it('forgets samples older than the window, so the speed follows a change', () => {
    const rate = new TransferRate(at([0, 1000, 2000, 3000]), 1500, 300);
    rate.record(0);
    rate.record(10_000_000); // fast second
    rate.record(10_100_000);
    rate.record(10_200_000); // slow since
    expect(rate.bytesPerSecond()).toBe(100_000);
  });

  it('starts over when the count goes down (a download that restarted from zero)', () => {
    const rate = new TransferRate(at([0, 1000, 2000, 2100]), 5000, 300);
    rate.record(0);
    rate.record(5_000_000);
    rate.record(100);
    expect(rate.bytesPerSecond()).toBeNull();
    rate.record(200);
    expect(rate.bytesPerSecond()).toBeNull(); // 100 ms is too short to tell
  });
});
