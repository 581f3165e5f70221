/** Which products a chain map draws when the chain is too large to draw whole. */
import type { ChainMapProduct } from "./types";

/** Above this many products the map draws the weak and demanded ones first and collapses the rest. */
export const MAX_DRAWN = 150;

/** Which products to draw: all when few; else weak ones, then demanded ones, then the rest, up to MAX_DRAWN. */
export function pickDrawn(products: ChainMapProduct[], max = MAX_DRAWN): ChainMapProduct[] {
  if (products.length <= max) return products;
  const rank = (p: ChainMapProduct) => (p.kinds.length ? 0 : p.demanderCount > 0 ? 1 : 2);
  const chosen = new Set([...products].sort((a, b) => rank(a) - rank(b)).slice(0, max));
  return products.filter((p) => chosen.has(p)); // keep the API's stage-then-code order
}
