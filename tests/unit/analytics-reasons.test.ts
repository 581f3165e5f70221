import { describe, expect, it } from "vitest";
import {
  cooperationReasons,
  extensionReasons,
  lostProductReasons,
  nameEn,
  nameZh,
  percent,
  pickReasons,
  shortBoardReasons,
  targetFirmReasons,
} from "../../src/analytics/reasons.js";

const separator = { code: "SEP", name: "Separator", nameZh: "隔膜" };
const alpha = { code: "ALPHA", name: "Alpha", nameZh: "阿尔法" };

describe("names", () => {
  it("fall back to the other language, then to the code", () => {
    expect(nameEn({ code: "X", name: null, nameZh: "甲" })).toBe("甲");
    expect(nameZh({ code: "X", name: "Ex", nameZh: null })).toBe("Ex");
    expect(nameEn({ code: "X", name: "", nameZh: null })).toBe("X");
  });
  it("percent keeps one decimal at most", () => {
    expect(percent(0.3)).toBe("30%");
    expect(percent(0.4567)).toBe("45.7%");
  });
});

describe("shortBoardReasons", () => {
  it("writes the issue's example sentence in English and Chinese", () => {
    const r = shortBoardReasons({
      product: separator,
      scope: alpha,
      kinds: ["MISSING"],
      demanderCount: 3,
      localProducerCount: 0,
      dependentCount: 4,
    });
    expect(r.en).toEqual(["3 local firms need Separator; none in Alpha makes it; 4 downstream products depend on it."]);
    expect(r.zh).toEqual(["阿尔法有3家企业需要隔膜，但本地没有企业生产它；下游有4种产品依赖它。"]);
    expect(pickReasons(r, "ZH")).toBe(r.zh);
    expect(pickReasons(r, "EN")).toBe(r.en);
  });

  it("uses the singular for one", () => {
    const r = shortBoardReasons({
      product: separator,
      scope: alpha,
      kinds: ["SINGLE_SOURCE"],
      demanderCount: 1,
      localProducerCount: 1,
      localSupplyShare: null,
      dependentCount: 1,
    });
    expect(r.en[0]).toBe("1 local firm needs Separator; only 1 firm in Alpha makes it; 1 downstream product depends on it.");
    expect(r.en[1]).toBe("No deliveries of Separator to firms in Alpha are recorded.");
    expect(r.zh[0]).toBe("阿尔法有1家企业需要隔膜，但本地只有1家企业生产它；下游有1种产品依赖它。");
  });

  it("explains a low local share with the percentage", () => {
    const r = shortBoardReasons({
      product: separator,
      scope: alpha,
      kinds: ["LOW_LOCAL_SHARE"],
      demanderCount: 2,
      localProducerCount: 3,
      localSupplyShare: 0.3,
      dependentCount: 0,
    });
    expect(r.en).toEqual([
      "2 local firms need Separator; 3 firms in Alpha make it; no other product depends on it.",
      "Only 30% of the Separator delivered to firms in Alpha comes from Alpha.",
    ]);
    expect(r.zh).toEqual([
      "阿尔法有2家企业需要隔膜，本地有3家企业生产它；没有其他产品依赖它。",
      "输入阿尔法的隔膜只有30%来自本地。",
    ]);
  });
});

describe("other reasons", () => {
  it("target firm", () => {
    const r = targetFirmReasons({
      scope: alpha,
      covers: [separator, { code: "ANO", name: "Anode", nameZh: "负极材料" }],
      existingLinksIntoScope: 0,
      capacity: 90,
    });
    expect(r.en).toEqual([
      "Makes 2 target products: Separator, Anode.",
      "Has no supply links into Alpha yet.",
      "Capacity 90 across these products.",
    ]);
    expect(r.zh).toEqual(["生产2种目标产品：隔膜、负极材料。", "尚未向阿尔法的企业供货。", "这些产品合计产能90。"]);
    const linked = targetFirmReasons({ scope: alpha, covers: [separator], existingLinksIntoScope: 1, capacity: 0 });
    expect(linked.en).toEqual(["Makes 1 target product: Separator.", "Already supplies firms in Alpha through 1 supply link."]);
    expect(linked.zh[1]).toBe("已通过1条供货关系向阿尔法的企业供货。");
  });

  it("cooperation", () => {
    const r = cooperationReasons({
      product: separator,
      kind: "MISSING",
      demandCity: alpha,
      supplierCity: { code: "BETA", name: "Beta", nameZh: "贝塔" },
      demanderCount: 2,
      supplierCount: 1,
      existingLinks: 0,
    });
    expect(r.en).toEqual([
      "2 firms in Alpha need Separator, and none in Alpha makes it.",
      "1 firm in Beta makes it.",
      "No supply links of Separator run from Beta to Alpha yet.",
    ]);
    expect(r.zh).toEqual([
      "阿尔法有2家企业需要隔膜，但阿尔法没有企业生产它。",
      "贝塔有1家企业生产隔膜。",
      "贝塔尚未向阿尔法供应隔膜。",
    ]);
  });

  it("extension, with long lists shortened", () => {
    const inputs = Array.from({ length: 7 }, (_, i) => ({ code: `I${i}`, name: `Input ${i}`, nameZh: `投入${i}` }));
    const r = extensionReasons({ product: separator, scope: alpha, localInputs: inputs, missingInputs: [] });
    expect(r.en).toEqual([
      "No firm in Alpha makes Separator yet.",
      "7 of its 7 inputs are made in Alpha: Input 0, Input 1, Input 2, Input 3, Input 4, and 2 more.",
    ]);
    expect(r.zh).toEqual([
      "阿尔法尚无企业生产隔膜。",
      "它的7种投入品中有7种在阿尔法本地生产：投入0、投入1、投入2、投入3、投入4等7种。",
    ]);
  });

  it("lost product", () => {
    const r = lostProductReasons({ product: separator, scope: alpha, formerProducerCount: 1, demanderCount: 2 });
    expect(r.en).toEqual([
      "Without the removed firms, no firm in Alpha makes Separator (it had 1 local maker).",
      "2 local firms that need it are affected.",
    ]);
    expect(r.zh).toEqual(["移除这些企业后，阿尔法不再有企业生产隔膜（原有1家）。", "阿尔法有2家需要它的企业受到影响。"]);
  });
});
