/** Which products a chain map draws when the chain is too large to draw whole. */
import type { ChainMapProduct, Stage } from "./types";

/** Above this many products the map draws the weak and demanded ones first and collapses the rest. */
export const MAX_DRAWN = 120;

/**
 * Which products to draw: all when few. Else weak ones, then demanded ones, then the rest, up to `max`,
 * shared fairly between the three stage columns (a third each; what one stage leaves unused goes to the
 * others), so that every column shows its worst links and none grows into a list thousands of pixels
 * long. Within that, the API's order (the weakest first) decides, and is kept.
 */
export function pickDrawn(products: ChainMapProduct[], max = MAX_DRAWN): ChainMapProduct[] {
  if (products.length <= max) return products;
  const rank = (p: ChainMapProduct) => (p.kinds.length ? 0 : p.demanderCount > 0 ? 1 : 2);
  const ranked = [...products].sort((a, b) => rank(a) - rank(b)); // stable: the API's order within a rank
  const byStage = new Map<Stage, ChainMapProduct[]>();
  for (const p of ranked) byStage.set(p.stage, [...(byStage.get(p.stage) ?? []), p]);
  // Water-filling: the smallest stages take all they have, the others share what remains equally.
  const stages = [...byStage.entries()].sort((a, b) => a[1].length - b[1].length);
  const chosen = new Set<ChainMapProduct>();
  let left = max;
  stages.forEach(([, list], i) => {
    const take = Math.min(list.length, Math.floor(left / (stages.length - i)));
    list.slice(0, take).forEach((p) => chosen.add(p));
    left -= take;
  });
  return products.filter((p) => chosen.has(p));
}
