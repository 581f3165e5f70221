import { describe, expect, it } from "vitest";
import type { ChainMapProduct } from "../../src/analytics/index.js";
import { pickDrawn } from "../../src/analytics/map-selection.js";
import { fitLabel } from "../../src/report/map-svg.js";
import { MESSAGE_TABLES } from "../../src/report/messages.js";
import { parseReportOptions, ReportParamError } from "../../src/report/options.js";
import { formatTarget } from "../../src/report/render.js";

const product = (code: string, stage: ChainMapProduct["stage"], weak: boolean): ChainMapProduct => ({
  productCode: code,
  name: code,
  nameZh: null,
  stage,
  inputCodes: [],
  localProducerCount: 0,
  demanderCount: weak ? 1 : 0,
  localSupplyShare: null,
  dependentCount: 0,
  kinds: weak ? ["MISSING"] : [],
});

describe("the report's pure parts", () => {
  it("has every message in both languages", () => {
    const zh = Object.entries(MESSAGE_TABLES.zh);
    expect(Object.keys(MESSAGE_TABLES.en).sort()).toEqual(zh.map(([k]) => k).sort());
    for (const [key, text] of zh) {
      expect(text, key).not.toBe("");
      // The same placeholders in both languages.
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(MESSAGE_TABLES.en[key as keyof typeof MESSAGE_TABLES.en]), key).toEqual(holes(text));
    }
  });

  it("parses its parameters and names the first bad one", () => {
    expect(parseReportOptions({ region: " SD ", year: "2025" })).toEqual({ region: "SD", year: 2025, chain: null, lang: "zh" });
    expect(parseReportOptions({ region: "SD-JINAN", year: "2025", chain: "BIGDATA", lang: "en" })).toEqual({
      region: "SD-JINAN",
      year: 2025,
      chain: "BIGDATA",
      lang: "en",
    });
    const param = (raw: Record<string, string>) => {
      try {
        parseReportOptions(raw);
        return null;
      } catch (e) {
        return e instanceof ReportParamError ? e.param : "other";
      }
    };
    expect(param({ year: "2025" })).toBe("region");
    expect(param({ region: "a b", year: "2025" })).toBe("region");
    expect(param({ region: "SD", year: "2025.5" })).toBe("year");
    expect(param({ region: "SD", year: "3000" })).toBe("year");
    expect(param({ region: "SD", year: "2025", chain: "<x>" })).toBe("chain");
    expect(param({ region: "SD", year: "2025", lang: "de" })).toBe("lang");
  });

  it("writes a target as a policymaker reads it", () => {
    expect(formatTarget(300_000_000_000, "CNY", "zh")).toBe("3000亿元");
    expect(formatTarget(300_000_000_000, "CNY", "en")).toBe("CNY 300 billion");
    expect(formatTarget(50_000, "CNY", "zh")).toBe("5万元");
    expect(formatTarget(1500, "t", "en")).toBe("1,500 t");
    expect(formatTarget(null, "CNY", "en")).toBe("");
  });

  it("shares the drawn products between the stages, weak ones first, in the analysis' order", () => {
    const many = [
      ...Array.from({ length: 50 }, (_, i) => product(`U${String(i).padStart(2, "0")}`, "UPSTREAM", i >= 40)),
      ...Array.from({ length: 5 }, (_, i) => product(`M${i}`, "MIDSTREAM", false)),
      ...Array.from({ length: 30 }, (_, i) => product(`D${String(i).padStart(2, "0")}`, "DOWNSTREAM", false)),
    ];
    const drawn = pickDrawn(many, 30);
    expect(drawn).toHaveLength(30);
    const by = (s: string) => drawn.filter((p) => p.stage === s);
    // Midstream has 5 and takes them all; the other two share the 25 left: 12 and 13.
    expect(by("MIDSTREAM")).toHaveLength(5);
    expect([by("UPSTREAM").length, by("DOWNSTREAM").length].sort()).toEqual([12, 13]);
    // The 10 weak upstream products are all drawn.
    expect(by("UPSTREAM").filter((p) => p.kinds.length > 0)).toHaveLength(10);
    expect(pickDrawn(many.slice(0, 10), 30)).toHaveLength(10);
  });

  it("cuts long labels to their width", () => {
    expect(fitLabel("数据中心 (2)")).toBe("数据中心 (2)");
    const long = fitLabel("半导体与电子材料（晶圆、衬底、电子陶瓷）以及更多更多的文字 (3)");
    expect(long.endsWith("…")).toBe(true);
    expect(long.length).toBeLessThan(22);
  });
});
