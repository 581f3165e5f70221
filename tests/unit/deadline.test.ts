import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { retryDelay, settleWithin } from "../../src/graph/executor.js";

describe("settleWithin (a statement never outlives its request's deadline)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const session = () => ({ close: vi.fn(async () => undefined) });

  it("settles as the work does when it ends in time, and leaves the session alone", async () => {
    const s = session();
    const settled = settleWithin(Promise.resolve(7), 100, s, () => new Error("late"));
    await expect(settled).resolves.toBe(7);
    await expect(settleWithin(Promise.reject(new Error("boom")), 100, s, () => new Error("late"))).rejects.toThrow("boom");
    vi.advanceTimersByTime(1_000);
    expect(s.close).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the expiry error at the deadline and closes the session, while the work still hangs", async () => {
    const s = session();
    const settled = settleWithin(new Promise<never>(() => {}), 300, s, () => new Error("deadline"));
    const outcome = settled.catch((error: Error) => error.message);
    vi.advanceTimersByTime(299);
    expect(s.close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(await outcome).toBe("deadline");
    expect(s.close).toHaveBeenCalledTimes(1);
  });

  it("ignores the work's late failure after the deadline (no unhandled rejection)", async () => {
    const s = session();
    let fail!: (error: Error) => void;
    const work = new Promise<never>((_, reject) => (fail = reject));
    const settled = settleWithin(work, 10, s, () => new Error("deadline"));
    vi.advanceTimersByTime(10);
    await expect(settled).rejects.toThrow("deadline");
    fail(new Error("session closed"));
    await Promise.resolve();
  });

  it("survives a session whose close fails", async () => {
    const s = { close: vi.fn(() => Promise.reject(new Error("socket gone"))) };
    const settled = settleWithin(new Promise<never>(() => {}), 5, s, () => new Error("deadline"));
    vi.advanceTimersByTime(5);
    await expect(settled).rejects.toThrow("deadline");
  });
});

describe("retryDelay", () => {
  it("starts at 200 ms, doubles, stops at 1 s, and jitters by at most 20 %", () => {
    expect([0, 1, 2, 3, 10].map((a) => retryDelay(a, () => 0.5))).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(retryDelay(0, () => 0)).toBeCloseTo(160);
    expect(retryDelay(0, () => 1)).toBeCloseTo(240);
  });
});
