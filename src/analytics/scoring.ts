/**
 * The scores and rankings of the analyses, as pure functions. docs/analytics.md explains each one
 * for a policymaker; tests/unit/analytics-scoring.test.ts proves each ranking rule of the issue.
 */

export type WeakLinkKind = "MISSING" | "SINGLE_SOURCE" | "LOW_LOCAL_SHARE";

/** Weak-link kinds from the most to the least severe. */
export const WEAK_LINK_KINDS: readonly WeakLinkKind[] = ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE"];

/** Below this local supply share, a product made by two or more local firms is still weak. */
export const LOW_SHARE_THRESHOLD = 0.5;

/**
 * The weak-link kinds of a chain product in a scope. A product that nobody in scope demands is not
 * weak. `MISSING`: no local producer; `SINGLE_SOURCE`: exactly one; `LOW_LOCAL_SHARE`: two or more,
 * but less than half of the volume delivered into the scope comes from inside it (an unknown share
 * is not low). The kinds exclude each other, so the list holds at most one; it is a list so that
 * later kinds may overlap.
 */
export function weakLinkKinds(demanded: boolean, localProducerCount: number, localSupplyShare: number | null): WeakLinkKind[] {
  if (!demanded) return [];
  if (localProducerCount === 0) return ["MISSING"];
  if (localProducerCount === 1) return ["SINGLE_SOURCE"];
  if (localSupplyShare !== null && localSupplyShare < LOW_SHARE_THRESHOLD) return ["LOW_LOCAL_SHARE"];
  return [];
}

/**
 * Local supply share: of the volume delivered into the scope, the part that came from suppliers in
 * it. `null` when nothing (or only links of unknown volume) was delivered.
 */
export function localSupplyShare(localVolume: number, totalVolume: number): number | null {
  return totalVolume > 0 ? localVolume / totalVolume : null;
}

/** How much a kind weighs in the short-board score: MISSING 3, SINGLE_SOURCE 2, LOW_LOCAL_SHARE 1. */
export const SHORT_BOARD_WEIGHT: Readonly<Record<WeakLinkKind, number>> = {
  MISSING: 3,
  SINGLE_SOURCE: 2,
  LOW_LOCAL_SHARE: 1,
};

export interface ShortBoardScoreInput {
  kinds: readonly WeakLinkKind[];
  dependentCount: number;
  /** `null` (nothing delivered) counts as 0: no local supply is known. */
  localSupplyShare: number | null;
}

/**
 * Short-board score = weight(kind) × (1 + dependents) × (2 − local supply share).
 * It rises with every dependent, falls as the local share grows, and at equal dependents and share
 * orders MISSING (×3) above SINGLE_SOURCE (×2) above LOW_LOCAL_SHARE (×1). The share enters as
 * (2 − share), never 0, so a high share lowers the score without erasing the other factors.
 */
export function shortBoardScore(input: ShortBoardScoreInput): number {
  const weight = Math.max(0, ...input.kinds.map((k) => SHORT_BOARD_WEIGHT[k]));
  return weight * (1 + input.dependentCount) * (2 - (input.localSupplyShare ?? 0));
}

/** Ranks short boards: higher score first, ties by product code. */
export function compareShortBoards(a: { score: number; productCode: string }, b: { score: number; productCode: string }): number {
  return b.score - a.score || byCode(a.productCode, b.productCode);
}

export interface TargetFirmScoreInput {
  coverCount: number;
  existingLinksIntoScope: number;
  /** Sum of the firm's capacity over the covered products; unknown capacity counts as 0. */
  capacity: number;
}

/**
 * Target-firm score = covered + x / (x + 1), where x = links + capacity / (capacity + 1).
 * The whole part is the number of target products the firm makes; the fraction (always below 1)
 * grows with its existing supply links into the scope, and among equal links with its capacity.
 * So the score orders exactly like `compareTargetFirms`: covered, then links, then capacity.
 */
export function targetFirmScore(input: TargetFirmScoreInput): number {
  const capacity = Math.max(0, input.capacity);
  const x = input.existingLinksIntoScope + capacity / (capacity + 1);
  return input.coverCount + x / (x + 1);
}

/** Ranks target firms: more covered products, then more links into scope, then more capacity, then code. */
export function compareTargetFirms(
  a: TargetFirmScoreInput & { enterpriseCode: string },
  b: TargetFirmScoreInput & { enterpriseCode: string },
): number {
  return (
    b.coverCount - a.coverCount ||
    b.existingLinksIntoScope - a.existingLinksIntoScope ||
    b.capacity - a.capacity ||
    byCode(a.enterpriseCode, b.enterpriseCode)
  );
}

/** How much a kind weighs in the cooperation score: a city without any maker needs help more. */
export const COOPERATION_WEIGHT: Readonly<Record<"MISSING" | "SINGLE_SOURCE", number>> = {
  MISSING: 2,
  SINGLE_SOURCE: 1,
};

export interface CooperationScoreInput {
  kind: "MISSING" | "SINGLE_SOURCE";
  demanderCount: number;
  existingLinks: number;
}

/**
 * Cooperation score = (1 if no link exists yet, else 0) + need / (need + 1),
 * where need = weight(kind) × demanders in the demand city (MISSING 2, SINGLE_SOURCE 1).
 * The fraction is below 1, so every pair without a link outranks every pair with one; within each
 * group, more need ranks first.
 */
export function cooperationScore(input: CooperationScoreInput): number {
  const need = COOPERATION_WEIGHT[input.kind] * input.demanderCount;
  return (input.existingLinks === 0 ? 1 : 0) + need / (need + 1);
}

export interface CooperationRankKey {
  score: number;
  supplierCount: number;
  productCode: string;
  demandCityCode: string;
  supplierCityCode: string;
}

/** Ranks cooperation: higher score, then more suppliers in the supplier city, then product, demand city, supplier city codes. */
export function compareCooperation(a: CooperationRankKey, b: CooperationRankKey): number {
  return (
    b.score - a.score ||
    b.supplierCount - a.supplierCount ||
    byCode(a.productCode, b.productCode) ||
    byCode(a.demandCityCode, b.demandCityCode) ||
    byCode(a.supplierCityCode, b.supplierCityCode)
  );
}

/** Extension score = localInputShare: the share of the product's inputs that some firm in scope makes. */
export function extensionScore(localInputCount: number, inputCount: number): number {
  return inputCount > 0 ? localInputCount / inputCount : 0;
}

/** Ranks extension opportunities: higher local input share, then more local inputs, then code. */
export function compareExtensions(
  a: { localInputShare: number; localInputCount: number; productCode: string },
  b: { localInputShare: number; localInputCount: number; productCode: string },
): number {
  return b.localInputShare - a.localInputShare || b.localInputCount - a.localInputCount || byCode(a.productCode, b.productCode);
}

/** Code order: plain code-unit comparison, the same as Cypher's `ORDER BY` on strings. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
