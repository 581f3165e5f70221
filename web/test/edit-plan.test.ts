import { describe, expect, it } from "vitest";
import { diffRecord, parseCapacity, planEdit, type ReadFirm } from "../src/edit-plan";

const read: ReadFirm = {
  code: "E1",
  version: 3,
  city: "C1",
  cluster: "K1",
  products: [
    { code: "P1", capacity: 10, version: 1 },
    { code: "P2", capacity: null, version: 0 },
  ],
};
const same = {
  city: "C1",
  cluster: "K1",
  products: [
    { code: "P1", capacity: "10", remove: false },
    { code: "P2", capacity: "", remove: false },
  ],
};

describe("planEdit", () => {
  it("sends nothing when nothing changed", () => {
    expect(planEdit(read, same)).toEqual({ enterprise: null, produces: [], invalid: [] });
  });

  it("sends only what changed, each against the version read", () => {
    const plan = planEdit(read, {
      city: "C2",
      cluster: null,
      products: [
        { code: "P1", capacity: "12.5", remove: false },
        { code: "P2", capacity: "", remove: true },
        { code: "P9", capacity: "", remove: false },
      ],
    });
    expect(plan.enterprise).toEqual({ code: "E1", city: "C2", cluster: null, expectedVersion: 3 });
    expect(plan.produces).toEqual([
      { enterprise: "E1", product: "P1", capacity: 12.5, expectedVersion: 1 },
      { enterprise: "E1", product: "P2", remove: true, expectedVersion: 0 },
      { enterprise: "E1", product: "P9", capacity: null },
    ]);
  });

  it("refuses capacities that are not numbers of zero or more", () => {
    expect(parseCapacity("1,200")).toBe(1200);
    expect(parseCapacity(" ")).toBeNull();
    expect(parseCapacity("-1")).toBeUndefined();
    expect(parseCapacity("abc")).toBeUndefined();
    expect(planEdit(read, { ...same, products: [{ code: "P1", capacity: "x", remove: false }] }).invalid).toEqual(["P1"]);
  });
});

describe("diffRecord", () => {
  it("lists the keys whose values differ, without the version", () => {
    const d = diffRecord('{"city":"C1","name":"A","version":1}', '{"city":"C2","name":"A","version":2}');
    expect(d).toEqual({ kind: "changed", changes: [{ key: "city", before: "C1", after: "C2" }] });
  });

  it("says created or removed when a side is null", () => {
    expect(diffRecord(null, '{"capacity":5}')).toEqual({
      kind: "created",
      changes: [{ key: "capacity", before: "—", after: "5" }],
    });
    expect(diffRecord('{"capacity":5}', null).kind).toBe("removed");
  });
});
