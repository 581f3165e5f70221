import { describe, expect, it } from "vitest";
import { Semaphore } from "../../src/graph/db/executor.js";

describe("Semaphore (a request's bound on open sessions)", () => {
  it("never runs more than its size at once, and runs everything", async () => {
    const semaphore = new Semaphore(3);
    let active = 0;
    let most = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          active += 1;
          most = Math.max(most, active);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          active -= 1;
          done.push(i);
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("gives the place back when the work fails", async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(semaphore.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
