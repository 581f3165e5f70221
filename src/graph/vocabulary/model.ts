/**
 * The fixed vocabulary of the graph. Labels and relationship types are only ever taken from here,
 * never from user input, so they may stand in query text.
 */
export const Label = {
  Region: "Region",
  Industry: "Industry",
  IndustryChain: "IndustryChain",
  Product: "Product",
  Cluster: "Cluster",
  Enterprise: "Enterprise",
  Plan: "Plan",
  PlanItem: "PlanItem",
} as const;
export type Label = (typeof Label)[keyof typeof Label];
export const ALL_LABELS: readonly Label[] = Object.values(Label);

/**
 * A value of an indicator series in one year (indicators.csv). Not an entity: it has no code, no
 * name and no search text, so it is not among the labels above (their constraints, indexes and search).
 */
export const OBSERVATION = "Observation";

export const REGION_KINDS = ["PROVINCE", "CIRCLE", "CITY"] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const STAGES = ["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"] as const;
export type Stage = (typeof STAGES)[number];

export const PLAN_ITEM_KINDS = ["TARGET", "TASK", "COLUMN"] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

/** The lower-cased text that `text` filters match with CONTAINS (backed by a TEXT index). */
export function searchText(code: string, name: string | null | undefined, nameZh: string | null | undefined): string {
  return [code, name ?? "", nameZh ?? ""].join(" ").toLowerCase();
}
