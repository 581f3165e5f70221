import type { WeakLinkKind } from "./scoring.js";

/** The language of reason sentences, as `reasons(lang:)` takes it. */
export type Lang = "EN" | "ZH";

/** Short sentences explaining a result, in English and Chinese; the GraphQL layer picks one list. */
export interface Reasons {
  en: string[];
  zh: string[];
}

/** Anything with a code and names in both languages (either name may be missing). */
export interface Named {
  code: string;
  name: string | null;
  nameZh: string | null;
}

export function pickReasons(reasons: Reasons, lang: Lang): string[] {
  return lang === "ZH" ? reasons.zh : reasons.en;
}

/** The English name, else the Chinese one, else the code. */
export function nameEn(n: Named): string {
  return n.name || n.nameZh || n.code;
}

/** The Chinese name, else the English one, else the code. */
export function nameZh(n: Named): string {
  return n.nameZh || n.name || n.code;
}

/** "1 firm", "3 firms". */
function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A share as a percentage with at most one decimal: 0.4 → "40%", 0.4567 → "45.7%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A quantity with at most two decimals, without grouping (units vary by data set). */
function quantity(x: number): string {
  return String(Math.round(x * 100) / 100);
}

const LIST_MAX = 5;

/** The first five names, and how many more. */
export function listEn(items: readonly Named[]): string {
  const names = items.slice(0, LIST_MAX).map(nameEn);
  if (items.length > LIST_MAX) names.push(`and ${items.length - LIST_MAX} more`);
  return names.join(", ");
}

export function listZh(items: readonly Named[]): string {
  const names = items.slice(0, LIST_MAX).map(nameZh).join("、");
  return items.length > LIST_MAX ? `${names}等${items.length}种` : names;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface ShortBoardFacts {
  product: Named;
  scope: Named;
  kinds: readonly WeakLinkKind[];
  demanderCount: number;
  localProducerCount: number;
  /** `null`: nothing delivered into the scope; `undefined`: not computed, so no sentence about it. */
  localSupplyShare?: number | null | undefined;
  dependentCount: number;
}

/**
 * Why a product is a short board (短板), e.g. "3 local firms need Separator; none in Alpha makes it;
 * 4 downstream products depend on it."
 */
export function shortBoardReasons(f: ShortBoardFacts): Reasons {
  const [p, pz, s, sz] = [nameEn(f.product), nameZh(f.product), nameEn(f.scope), nameZh(f.scope)];
  const need = `${count(f.demanderCount, "local firm")} ${f.demanderCount === 1 ? "needs" : "need"} ${p}`;
  const needZh = `${sz}有${f.demanderCount}家企业需要${pz}`;
  let make: string;
  let makeZh: string;
  if (f.kinds.includes("MISSING")) {
    make = `none in ${s} makes it`;
    makeZh = "但本地没有企业生产它";
  } else if (f.kinds.includes("SINGLE_SOURCE")) {
    make = `only 1 firm in ${s} makes it`;
    makeZh = "但本地只有1家企业生产它";
  } else {
    make = `${count(f.localProducerCount, "firm")} in ${s} make it`;
    makeZh = `本地有${f.localProducerCount}家企业生产它`;
  }
  const deps =
    f.dependentCount === 0
      ? "no other product depends on it"
      : `${count(f.dependentCount, "downstream product")} ${f.dependentCount === 1 ? "depends" : "depend"} on it`;
  const depsZh = f.dependentCount === 0 ? "没有其他产品依赖它" : `下游有${f.dependentCount}种产品依赖它`;
  const en = [`${capitalize(need)}; ${make}; ${deps}.`];
  const zh = [`${needZh}，${makeZh}；${depsZh}。`];
  if (f.localSupplyShare === undefined) {
    // The caller did not load supply volumes.
  } else if (f.localSupplyShare !== null) {
    const pct = percent(f.localSupplyShare);
    if (f.kinds.includes("LOW_LOCAL_SHARE")) {
      en.push(`Only ${pct} of the ${p} delivered to firms in ${s} comes from ${s}.`);
      zh.push(`输入${sz}的${pz}只有${pct}来自本地。`);
    } else {
      en.push(`${pct} of the ${p} delivered to firms in ${s} comes from ${s}.`);
      zh.push(`输入${sz}的${pz}有${pct}来自本地。`);
    }
  } else if (f.kinds.includes("MISSING") || f.kinds.includes("SINGLE_SOURCE")) {
    en.push(`No deliveries of ${p} to firms in ${s} are recorded.`);
    zh.push(`没有记录到向${sz}企业供应${pz}的供货关系。`);
  }
  return { en, zh };
}

export interface TargetFirmFacts {
  scope: Named;
  covers: readonly Named[];
  existingLinksIntoScope: number;
  capacity: number;
}

/** Why a firm outside the scope is worth courting (产业链招商). */
export function targetFirmReasons(f: TargetFirmFacts): Reasons {
  const [s, sz] = [nameEn(f.scope), nameZh(f.scope)];
  const n = f.covers.length;
  const en = [`Makes ${count(n, "target product")}: ${listEn(f.covers)}.`];
  const zh = [`生产${n}种目标产品：${listZh(f.covers)}。`];
  if (f.existingLinksIntoScope > 0) {
    en.push(`Already supplies firms in ${s} through ${count(f.existingLinksIntoScope, "supply link")}.`);
    zh.push(`已通过${f.existingLinksIntoScope}条供货关系向${sz}的企业供货。`);
  } else {
    en.push(`Has no supply links into ${s} yet.`);
    zh.push(`尚未向${sz}的企业供货。`);
  }
  if (f.capacity > 0) {
    en.push(`Capacity ${quantity(f.capacity)} across these products.`);
    zh.push(`这些产品合计产能${quantity(f.capacity)}。`);
  }
  return { en, zh };
}

export interface CooperationFacts {
  product: Named;
  kind: "MISSING" | "SINGLE_SOURCE";
  demandCity: Named;
  supplierCity: Named;
  demanderCount: number;
  supplierCount: number;
  existingLinks: number;
}

/** Why two cities of the scope should cooperate on one product. */
export function cooperationReasons(f: CooperationFacts): Reasons {
  const [p, pz] = [nameEn(f.product), nameZh(f.product)];
  const [a, az, b, bz] = [nameEn(f.demandCity), nameZh(f.demandCity), nameEn(f.supplierCity), nameZh(f.supplierCity)];
  const needs = `${count(f.demanderCount, "firm")} in ${a} ${f.demanderCount === 1 ? "needs" : "need"} ${p}`;
  const en = [
    f.kind === "MISSING" ? `${needs}, and none in ${a} makes it.` : `${needs}, and only 1 firm in ${a} makes it.`,
    `${count(f.supplierCount, "firm")} in ${b} ${f.supplierCount === 1 ? "makes" : "make"} it.`,
  ];
  const zh = [
    f.kind === "MISSING"
      ? `${az}有${f.demanderCount}家企业需要${pz}，但${az}没有企业生产它。`
      : `${az}有${f.demanderCount}家企业需要${pz}，但${az}只有1家企业生产它。`,
    `${bz}有${f.supplierCount}家企业生产${pz}。`,
  ];
  if (f.existingLinks === 0) {
    en.push(`No supply links of ${p} run from ${b} to ${a} yet.`);
    zh.push(`${bz}尚未向${az}供应${pz}。`);
  } else {
    en.push(
      `${count(f.existingLinks, "supply link")} of ${p} already ${f.existingLinks === 1 ? "runs" : "run"} from ${b} to ${a}.`,
    );
    zh.push(`${bz}已有${f.existingLinks}条${pz}供货关系连到${az}。`);
  }
  return { en, zh };
}

export interface ExtensionFacts {
  product: Named;
  scope: Named;
  localInputs: readonly Named[];
  missingInputs: readonly Named[];
}

/** Why a product not yet made in the scope is a natural next step (延链). */
export function extensionReasons(f: ExtensionFacts): Reasons {
  const [p, pz, s, sz] = [nameEn(f.product), nameZh(f.product), nameEn(f.scope), nameZh(f.scope)];
  const n = f.localInputs.length + f.missingInputs.length;
  const en = [
    `No firm in ${s} makes ${p} yet.`,
    `${f.localInputs.length} of its ${count(n, "input")} ${f.localInputs.length === 1 ? "is" : "are"} made in ${s}: ${listEn(f.localInputs)}.`,
  ];
  const zh = [
    `${sz}尚无企业生产${pz}。`,
    `它的${n}种投入品中有${f.localInputs.length}种在${sz}本地生产：${listZh(f.localInputs)}。`,
  ];
  if (f.missingInputs.length > 0) {
    en.push(`Not made in ${s}: ${listEn(f.missingInputs)}.`);
    zh.push(`本地缺少的投入品：${listZh(f.missingInputs)}。`);
  }
  return { en, zh };
}

export interface LostProductFacts {
  product: Named;
  scope: Named;
  formerProducerCount: number;
  demanderCount: number;
}

/** Why a product is lost when the listed firms leave (resilience). */
export function lostProductReasons(f: LostProductFacts): Reasons {
  const [p, pz, s, sz] = [nameEn(f.product), nameZh(f.product), nameEn(f.scope), nameZh(f.scope)];
  return {
    en: [
      `Without the removed firms, no firm in ${s} makes ${p} (it had ${count(f.formerProducerCount, "local maker")}).`,
      `${count(f.demanderCount, "local firm")} that ${f.demanderCount === 1 ? "needs" : "need"} it ${f.demanderCount === 1 ? "is" : "are"} affected.`,
    ],
    zh: [
      `移除这些企业后，${sz}不再有企业生产${pz}（原有${f.formerProducerCount}家）。`,
      `${sz}有${f.demanderCount}家需要它的企业受到影响。`,
    ],
  };
}
