/** Which products the chain map draws when the chain is too large to draw whole (shared with the report). */
import { pickDrawn as pick } from "../../src/analytics/map-selection";
import type { ChainMapProduct } from "./types";

/** Above this many products the map draws the weak and demanded ones first and collapses the rest. */
export const MAX_DRAWN = 120;

/** The products to draw, the weakest of each stage column first (src/analytics/map-selection.ts). */
export function pickDrawn(products: ChainMapProduct[], max = MAX_DRAWN): ChainMapProduct[] {
  return pick(products, max);
}
