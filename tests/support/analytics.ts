import type { CooperationOpportunity } from "../../src/analytics/index.js";

/** A cooperation opportunity as a comparable tuple: product, demand city, supplier city, kind, firms, links. */
export const cooperationRow = (r: CooperationOpportunity) => [
  r.productCode,
  r.demandCityCode,
  r.supplierCityCode,
  r.kind,
  r.demanderCodes,
  r.supplierCodes,
  r.existingLinks,
];
