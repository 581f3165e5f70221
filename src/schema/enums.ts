import { registerEnumType } from "type-graphql";

export enum RegionKind {
  PROVINCE = "PROVINCE",
  CIRCLE = "CIRCLE",
  CITY = "CITY",
}
registerEnumType(RegionKind, { name: "RegionKind", description: "Level of a region: province, economic circle or city." });

export enum Stage {
  UPSTREAM = "UPSTREAM",
  MIDSTREAM = "MIDSTREAM",
  DOWNSTREAM = "DOWNSTREAM",
}
registerEnumType(Stage, { name: "Stage", description: "Position of a product in its chain." });

export enum PlanItemKind {
  TARGET = "TARGET",
  TASK = "TASK",
  COLUMN = "COLUMN",
}
registerEnumType(PlanItemKind, {
  name: "PlanItemKind",
  description: "A plan's quantified target, key task, or engineering column (专栏).",
});
