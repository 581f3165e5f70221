import { describe, expect, it } from "vitest";
import { toCsv } from "../src/export";
import { mapKind } from "../src/kinds";
import { MAX_DRAWN, pickDrawn } from "../src/map-selection";
import { readState, scopeOf } from "../src/state";
import type { ChainMapProduct, Stage, WeakLinkKind } from "../src/types";

const product = (i: number, kinds: WeakLinkKind[], demanderCount: number, stage: Stage = "UPSTREAM"): ChainMapProduct => ({
  product: { code: `P${String(i).padStart(3, "0")}`, name: null, nameZh: null },
  stage,
  inputCodes: [],
  localProducerCount: 0,
  demanderCount,
  dependentCount: 0,
  localSupplyShare: null,
  kinds,
});

describe("mapKind", () => {
  it("takes the worst kind, then healthy when demanded, else not demanded", () => {
    expect(mapKind({ kinds: ["LOW_LOCAL_SHARE", "SINGLE_SOURCE"], demanderCount: 3 })).toBe("SINGLE_SOURCE");
    expect(mapKind({ kinds: ["MISSING"], demanderCount: 1 })).toBe("MISSING");
    expect(mapKind({ kinds: [], demanderCount: 2 })).toBe("HEALTHY");
    expect(mapKind({ kinds: [], demanderCount: 0 })).toBe("NOT_DEMANDED");
  });
});

describe("pickDrawn", () => {
  it("draws a small chain whole", () => {
    const all = [product(0, [], 0), product(1, ["MISSING"], 1)];
    expect(pickDrawn(all)).toEqual(all);
  });

  it("draws weak, then demanded products first, in the API's order, up to the limit", () => {
    // 200 products: every 10th weak (20), every other demanded (100, 10 of them weak), the rest neither.
    const all = Array.from({ length: 200 }, (_, i) => product(i, i % 10 === 0 ? ["MISSING"] : [], i % 2 === 0 ? 1 : 0));
    const drawn = pickDrawn(all);
    expect(drawn).toHaveLength(MAX_DRAWN);
    expect(drawn.filter((p) => p.kinds.length)).toHaveLength(20);
    expect(drawn.filter((p) => p.demanderCount > 0)).toHaveLength(100);
    expect(drawn.map((p) => p.product.code)).toEqual([...drawn.map((p) => p.product.code)].sort());
  });

  it("shares the limit between the stages, so each column shows its weakest first", () => {
    // 300 weak upstream products come first (the API's weakest first), then 100 midstream and 10 downstream.
    const all = [
      ...Array.from({ length: 300 }, (_, i) => product(i, ["MISSING"], 1, "UPSTREAM")),
      ...Array.from({ length: 100 }, (_, i) => product(300 + i, ["SINGLE_SOURCE"], 1, "MIDSTREAM")),
      ...Array.from({ length: 10 }, (_, i) => product(400 + i, [], i < 5 ? 1 : 0, "DOWNSTREAM")),
    ];
    const drawn = pickDrawn(all);
    const codes = (stage: Stage) => drawn.filter((p) => p.stage === stage).map((p) => p.product.code);
    // Downstream has only 10: the other two share the remaining 110 equally.
    expect([codes("UPSTREAM").length, codes("MIDSTREAM").length, codes("DOWNSTREAM").length]).toEqual([55, 55, 10]);
    expect(codes("UPSTREAM")).toEqual(all.slice(0, 55).map((p) => p.product.code));
    expect(codes("MIDSTREAM")).toEqual(all.slice(300, 355).map((p) => p.product.code));
    expect(drawn[0]).toBe(all[0]);
  });
});

describe("toCsv", () => {
  it("starts with a BOM, quotes what needs it and ends lines with CRLF", () => {
    expect(
      toCsv(
        ["代码", "原因"],
        [
          ["BD-CHIP", '缺"芯",无'],
          ["X", null],
        ],
      ),
    ).toBe('\uFEFF代码,原因\r\nBD-CHIP,"缺""芯"",无"\r\nX,\r\n');
  });
});

describe("readState", () => {
  it("defaults to BIGDATA in Jinan, in Chinese", () => {
    expect(readState("")).toEqual({ chain: "BIGDATA", region: "SD-JINAN", cluster: null, year: null, lang: "zh", firm: null });
  });

  it("reads a shared view, and a cluster is the scope when set", () => {
    const s = readState("?chain=MFG&region=SD-QINGDAO&cluster=CL-QD-WCNA&lang=en");
    expect(s).toMatchObject({ chain: "MFG", region: "SD-QINGDAO", cluster: "CL-QD-WCNA", lang: "en" });
    expect(scopeOf(s)).toEqual({ cluster: "CL-QD-WCNA" });
    expect(scopeOf(readState("?region=SD"))).toEqual({ region: "SD" });
  });

  it("reads the year looked at; without one, or with one that is no year, the latest (null)", () => {
    expect(readState("?year=2021").year).toBe(2021);
    expect(readState("?year=").year).toBeNull();
    expect(readState("?year=abc").year).toBeNull();
    expect(readState("?year=2021.5").year).toBeNull();
    expect(readState("?year=-3").year).toBeNull();
  });
});
