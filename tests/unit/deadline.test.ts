import type { Session } from "neo4j-driver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { retryDelay, settleWithin, Statement } from "../../src/graph/db/executor.js";

describe("settleWithin (a statement never outlives its request's deadline)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const statement = () => ({ expire: vi.fn(() => new Error("deadline")) });

  it("settles as the work does when it ends in time, and never expires it", async () => {
    const s = statement();
    await expect(settleWithin(Promise.resolve(7), 100, s)).resolves.toBe(7);
    await expect(settleWithin(Promise.reject(new Error("boom")), 100, s)).rejects.toThrow("boom");
    vi.advanceTimersByTime(1_000);
    expect(s.expire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the expiry's error at the deadline while the work still hangs", async () => {
    const s = statement();
    const outcome = settleWithin(new Promise<never>(() => {}), 300, s).catch((error: Error) => error.message);
    vi.advanceTimersByTime(299);
    expect(s.expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(await outcome).toBe("deadline");
    expect(s.expire).toHaveBeenCalledTimes(1);
  });

  it("ignores the work's late failure after the deadline (no unhandled rejection)", async () => {
    let fail!: (error: Error) => void;
    const work = new Promise<never>((_, reject) => (fail = reject));
    const settled = settleWithin(work, 10, statement());
    vi.advanceTimersByTime(10);
    await expect(settled).rejects.toThrow("deadline");
    fail(new Error("session closed"));
    await Promise.resolve();
  });
});

describe("Statement.expire: whose fault a passed deadline is", () => {
  const session = (close = vi.fn(async () => undefined)) => ({ close }) as unknown as Session & { close: typeof close };
  const codeOf = (s: Statement) => s.expire().extensions.code;

  it("closes the session without waiting for it, even when closing fails", () => {
    const s = session(vi.fn(() => Promise.reject(new Error("socket gone"))));
    new Statement(s, { down: false, upAt: -Infinity }).expire();
    expect(s.close).toHaveBeenCalledTimes(1);
  });

  it("QUERY_TIMEOUT when Neo4j was running it", () => {
    const s = new Statement(session(), { down: false, upAt: -Infinity });
    s.began = true;
    expect(codeOf(s)).toBe("QUERY_TIMEOUT");
  });

  it("DATABASE_UNAVAILABLE when it never began while the database was or is unreachable", () => {
    expect(codeOf(new Statement(session(), { down: true, upAt: -Infinity }))).toBe("DATABASE_UNAVAILABLE");
    // Down when it started, back up since (a restarted Neo4j still recovering): still the outage's.
    const reachability = { down: true, upAt: -Infinity };
    const s = new Statement(session(), reachability);
    reachability.down = false;
    expect(codeOf(s)).toBe("DATABASE_UNAVAILABLE");
  });

  it("DATABASE_UNAVAILABLE for a while after the database came back, even when Neo4j was running it", () => {
    const s = new Statement(session(), { down: false, upAt: performance.now() - 5_000 });
    s.began = true;
    expect(codeOf(s)).toBe("DATABASE_UNAVAILABLE");
    const later = new Statement(session(), { down: false, upAt: performance.now() - 60_000 });
    later.began = true;
    expect(codeOf(later)).toBe("QUERY_TIMEOUT");
  });

  it("DATABASE_BUSY when it never began although the database answers (no connection came free)", () => {
    expect(codeOf(new Statement(session(), { down: false, upAt: -Infinity }))).toBe("DATABASE_BUSY");
  });
});

describe("retryDelay", () => {
  it("starts at 200 ms, doubles, stops at 1 s, and jitters by at most 20 %", () => {
    expect([0, 1, 2, 3, 10].map((a) => retryDelay(a, () => 0.5))).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(retryDelay(0, () => 0)).toBeCloseTo(160);
    expect(retryDelay(0, () => 1)).toBeCloseTo(240);
  });
});
