import { describe, expect, it } from "vitest";
import {
  compareCooperation,
  compareExtensions,
  compareShortBoards,
  compareTargetFirms,
  cooperationScore,
  extensionScore,
  localSupplyShare,
  shortBoardScore,
  targetFirmScore,
  weakLinkKinds,
  type WeakLinkKind,
} from "../../src/analytics/scoring.js";

describe("weakLinkKinds", () => {
  it("is empty when nobody in scope demands the product", () => {
    expect(weakLinkKinds(false, 0, null)).toEqual([]);
  });
  it("MISSING without a local producer, SINGLE_SOURCE with one", () => {
    expect(weakLinkKinds(true, 0, null)).toEqual(["MISSING"]);
    expect(weakLinkKinds(true, 1, 0.9)).toEqual(["SINGLE_SOURCE"]);
  });
  it("LOW_LOCAL_SHARE needs two producers and a known share below 0.5", () => {
    expect(weakLinkKinds(true, 2, 0.49)).toEqual(["LOW_LOCAL_SHARE"]);
    expect(weakLinkKinds(true, 2, 0.5)).toEqual([]);
    expect(weakLinkKinds(true, 3, null)).toEqual([]);
  });
});

describe("localSupplyShare", () => {
  it("is the local part of the delivered volume, null when nothing was delivered", () => {
    expect(localSupplyShare(30, 100)).toBe(0.3);
    expect(localSupplyShare(0, 0)).toBeNull();
  });
});

describe("shortBoardScore", () => {
  const score = (kind: WeakLinkKind, dependentCount: number, share: number | null) =>
    shortBoardScore({ kinds: [kind], dependentCount, localSupplyShare: share });

  it("rises with dependents", () => {
    for (const kind of ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE"] as const) {
      for (const share of [0, 0.3, 1]) {
        expect(score(kind, 1, share)).toBeGreaterThan(score(kind, 0, share));
        expect(score(kind, 10, share)).toBeGreaterThan(score(kind, 9, share));
      }
    }
  });

  it("falls with the local supply share, also at share 1", () => {
    for (const kind of ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE"] as const) {
      expect(score(kind, 2, 0.1)).toBeLessThan(score(kind, 2, 0));
      expect(score(kind, 2, 0.4)).toBeLessThan(score(kind, 2, 0.1));
      expect(score(kind, 2, 1)).toBeLessThan(score(kind, 2, 0.4));
      expect(score(kind, 2, 1)).toBeGreaterThan(0);
    }
  });

  it("treats an unknown share like no local supply", () => {
    expect(score("MISSING", 3, null)).toBe(score("MISSING", 3, 0));
  });

  it("at equal dependents and share ranks MISSING > SINGLE_SOURCE > LOW_LOCAL_SHARE", () => {
    for (const d of [0, 1, 5]) {
      for (const s of [0, 0.25, 0.49, 1, null]) {
        expect(score("MISSING", d, s)).toBeGreaterThan(score("SINGLE_SOURCE", d, s));
        expect(score("SINGLE_SOURCE", d, s)).toBeGreaterThan(score("LOW_LOCAL_SHARE", d, s));
      }
    }
  });

  it("gives the worked BIKE example its order: STEEL, TYRE, FRAME", () => {
    const rows = [
      { productCode: "FRAME", score: score("SINGLE_SOURCE", 1, null) },
      { productCode: "TYRE", score: score("MISSING", 1, null) },
      { productCode: "STEEL", score: score("MISSING", 2, null) },
    ];
    expect(rows.map((r) => r.score)).toEqual([8, 12, 18]);
    expect(rows.sort(compareShortBoards).map((r) => r.productCode)).toEqual(["STEEL", "TYRE", "FRAME"]);
  });

  it("breaks ties by code", () => {
    const rows = [
      { productCode: "STEEL", score: 18 },
      { productCode: "RUBBER", score: 18 },
    ];
    expect(rows.sort(compareShortBoards).map((r) => r.productCode)).toEqual(["RUBBER", "STEEL"]);
  });
});

describe("target firms", () => {
  const firm = (enterpriseCode: string, coverCount: number, existingLinksIntoScope: number, capacity: number) => {
    const input = { coverCount, existingLinksIntoScope, capacity };
    return { enterpriseCode, ...input, score: targetFirmScore(input) };
  };
  const rank = (firms: ReturnType<typeof firm>[]) => [...firms].sort(compareTargetFirms).map((f) => f.enterpriseCode);

  it("ranks more covered target products first, whatever the links and capacity", () => {
    const a = firm("A", 2, 0, 0);
    const b = firm("B", 1, 1000, 1e9);
    expect(rank([b, a])).toEqual(["A", "B"]);
    expect(a.score).toBeGreaterThan(b.score);
  });

  it("then more existing links into the scope, whatever the capacity", () => {
    const a = firm("A", 1, 2, 0);
    const b = firm("B", 1, 1, 1e9);
    expect(rank([b, a])).toEqual(["A", "B"]);
    expect(a.score).toBeGreaterThan(b.score);
  });

  it("then more capacity, then code", () => {
    const a = firm("A", 1, 1, 10);
    const b = firm("B", 1, 1, 80);
    const c = firm("C", 1, 1, 80);
    expect(rank([c, a, b])).toEqual(["B", "C", "A"]);
    expect(b.score).toBeGreaterThan(a.score);
    expect(b.score).toBe(c.score);
  });

  it("keeps the fraction below 1, so the whole part counts covered products", () => {
    expect(Math.floor(targetFirmScore({ coverCount: 3, existingLinksIntoScope: 1e6, capacity: 1e12 }))).toBe(3);
    expect(targetFirmScore({ coverCount: 1, existingLinksIntoScope: 0, capacity: 0 })).toBe(1);
  });

  it("orders score exactly like the comparator on a grid of firms", () => {
    const firms = [];
    for (const c of [1, 2, 3])
      for (const l of [0, 1, 2, 5, 40]) for (const cap of [0, 0.5, 1, 7, 1000]) firms.push(firm(`F${c}-${l}-${cap}`, c, l, cap));
    const byComparator = [...firms].sort(compareTargetFirms);
    for (let i = 1; i < byComparator.length; i++) expect(byComparator[i - 1]!.score).toBeGreaterThan(byComparator[i]!.score);
  });
});

describe("cooperation", () => {
  const pair = (
    productCode: string,
    kind: "MISSING" | "SINGLE_SOURCE",
    demanderCount: number,
    existingLinks: number,
    supplierCount = 1,
  ) => ({
    productCode,
    demandCityCode: "A",
    supplierCityCode: "B",
    supplierCount,
    score: cooperationScore({ kind, demanderCount, existingLinks }),
  });

  it("puts every pair without an existing link before every pair with one", () => {
    const linked = pair("P1", "MISSING", 1000, 1);
    const unlinked = pair("P2", "SINGLE_SOURCE", 1, 0);
    expect(unlinked.score).toBeGreaterThan(linked.score);
    expect([linked, unlinked].sort(compareCooperation).map((p) => p.productCode)).toEqual(["P2", "P1"]);
  });

  it("then ranks more need (MISSING weighs double) first", () => {
    expect(pair("P", "MISSING", 2, 0).score).toBeGreaterThan(pair("P", "SINGLE_SOURCE", 2, 0).score);
    expect(pair("P", "MISSING", 3, 0).score).toBeGreaterThan(pair("P", "MISSING", 2, 0).score);
    expect(pair("P", "MISSING", 1, 0).score).toBe(pair("P", "SINGLE_SOURCE", 2, 0).score);
  });

  it("breaks ties by more suppliers, then codes", () => {
    const rows = [pair("Z", "MISSING", 1, 0, 1), pair("Y", "MISSING", 1, 0, 2), pair("X", "MISSING", 1, 0, 1)];
    expect(rows.sort(compareCooperation).map((p) => p.productCode)).toEqual(["Y", "X", "Z"]);
  });
});

describe("extension", () => {
  it("scores the local share of inputs and ranks higher shares first", () => {
    const row = (productCode: string, local: number, all: number) => ({
      productCode,
      localInputCount: local,
      localInputShare: extensionScore(local, all),
    });
    expect(extensionScore(1, 2)).toBe(0.5);
    expect(extensionScore(0, 0)).toBe(0);
    const rows = [row("A", 1, 2), row("B", 2, 4), row("C", 1, 1), row("D", 2, 3)];
    expect(rows.sort(compareExtensions).map((r) => r.productCode)).toEqual(["C", "D", "B", "A"]);
  });
});
