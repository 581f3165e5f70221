/** The chain analytics of issue 3: plain functions over the graph, identified by codes. See docs/analytics.md. */
export * from "./scope.js";
export * from "./scoring.js";
export * from "./reasons.js";
export * from "../graph/derived/dependents.js";
export * from "./chain-data.js";
export * from "./chain-facts.js";
export * from "./lists.js";
export * from "./short-boards.js";
export * from "./missing-suppliers.js";
export * from "./target-firms.js";
export * from "./cooperation.js";
export * from "./extension.js";
export * from "./resilience.js";
export * from "./chain-map.js";
export * from "./changes.js";
