import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { PlanWarmer } from "../../src/graph/db/plan-warmer.js";
import type { Params } from "../../src/graph/db/executor.js";

/** A rehearsal that finishes only when the test says so, recording what ran and with what. */
function rehearsals() {
  const ran: Array<{ cypher: string; params: Params }> = [];
  const finish = new Map<string, { ok: () => void; fail: (error: Error) => void }>();
  const rehearse = (cypher: string, params: Params) =>
    new Promise<void>((ok, fail) => {
      ran.push({ cypher, params });
      finish.set(cypher, { ok, fail });
    });
  return { ran, finish, rehearse };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));
const logger = createLogger("silent");

describe("PlanWarmer (each statement planned once after an outage, before requests run it)", () => {
  it("has nothing to wait for before an outage, or for a statement it was never shown", () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger);
    warmer.remember("A", {});
    expect(warmer.ready("A")).toBeUndefined();
    warmer.restart();
    expect(warmer.ready("B")).toBeUndefined();
  });

  it("after an outage runs the known statements with their latest parameters, most recent first, two at a time", async () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger);
    warmer.remember("A", { x: 1 });
    warmer.remember("B", {});
    warmer.remember("C", {});
    warmer.remember("A", { x: 2 });
    warmer.restart();
    expect(r.ran).toEqual([
      { cypher: "A", params: { x: 2 } },
      { cypher: "C", params: {} },
    ]);
    expect(warmer.waiting).toBe(3);
    r.finish.get("C")!.ok();
    await tick();
    expect(r.ran.map((x) => x.cypher)).toEqual(["A", "C", "B"]);
    expect(warmer.ready("C")).toBeUndefined();
    expect(warmer.waiting).toBe(2);
  });

  it("lets a request wait for its statement's plan, and plans that statement next", async () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger, 128, 1);
    for (const c of ["A", "B", "C", "D"]) warmer.remember(c, {});
    warmer.restart();
    expect(r.ran.map((x) => x.cypher)).toEqual(["D"]);
    let planned = false;
    void warmer.ready("A")!.then(() => (planned = true));
    r.finish.get("D")!.ok();
    await tick();
    expect(r.ran.map((x) => x.cypher)).toEqual(["D", "A"]);
    expect(planned).toBe(false);
    r.finish.get("A")!.ok();
    await tick();
    expect(planned).toBe(true);
  });

  it("releases the waiters of a statement whose rehearsal failed: the request meets the failure itself", async () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger);
    warmer.remember("A", {});
    warmer.restart();
    const waiting = warmer.ready("A")!;
    r.finish.get("A")!.fail(new Error("Neo4j went away again"));
    await expect(waiting).resolves.toBeUndefined();
    expect(warmer.waiting).toBe(0);
  });

  it("keeps at most `capacity` statements, forgetting the least recently used", () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger, 2, 8);
    warmer.remember("A", {});
    warmer.remember("B", {});
    warmer.remember("A", {});
    warmer.remember("C", {});
    warmer.restart();
    expect(r.ran.map((x) => x.cypher)).toEqual(["C", "A"]);
  });

  it("a second outage while plans are being made neither runs a statement twice at once nor loses one", async () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger, 128, 1);
    for (const c of ["A", "B", "C"]) warmer.remember(c, {});
    warmer.restart();
    expect(r.ran.map((x) => x.cypher)).toEqual(["C"]);
    warmer.restart();
    // C is still running: not started again; B and A wait their turn.
    expect(r.ran.map((x) => x.cypher)).toEqual(["C"]);
    r.finish.get("C")!.ok();
    await tick();
    r.finish.get("B")!.ok();
    await tick();
    r.finish.get("A")!.ok();
    await tick();
    expect(r.ran.map((x) => x.cypher)).toEqual(["C", "B", "A"]);
    expect(warmer.waiting).toBe(0);
  });

  it("plans again a statement whose rehearsal was under way at a second outage and failed in it", async () => {
    const r = rehearsals();
    const warmer = new PlanWarmer(r.rehearse, logger, 128, 1);
    for (const c of ["A", "B"]) warmer.remember(c, {});
    warmer.restart();
    expect(r.ran.map((x) => x.cypher)).toEqual(["B"]);
    warmer.restart();
    let planned = false;
    void warmer.ready("B")!.then(() => (planned = true));
    // B's first rehearsal dies with the old database: the restarted one has not planned it.
    r.finish.get("B")!.fail(new Error("Neo4j went away again"));
    await tick();
    expect(r.ran.map((x) => x.cypher)).toEqual(["B", "B"]);
    expect(planned).toBe(false);
    r.finish.get("B")!.ok();
    await tick();
    expect(planned).toBe(true);
    r.finish.get("A")!.ok();
    await tick();
    expect(r.ran.map((x) => x.cypher)).toEqual(["B", "B", "A"]);
    expect(warmer.waiting).toBe(0);
  });
});
