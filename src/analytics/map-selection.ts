/**
 * Which products a drawn chain map shows when the chain is too large to draw whole: the app's map
 * (web/src/components/ChainMap.ts) and the annual report's (src/report) choose alike. Pure, and free
 * of imports, so the app's bundle takes it as it is.
 */

/** What the choice reads of a product. */
export interface Drawable {
  stage: string;
  kinds: readonly string[];
  demanderCount: number;
}

/**
 * All when they fit. Else the weak ones, then the demanded ones, then the rest, up to `max`, shared
 * between the stage columns (the smaller stages take all they have, the others share what is left
 * equally), so that each column shows its worst links and none grows into a list thousands of pixels
 * long. Within that, the given order (the weakest first, from `chainMap(order: WEAK_FIRST)`) decides,
 * and is kept.
 */
export function pickDrawn<T extends Drawable>(products: readonly T[], max: number): T[] {
  if (products.length <= max) return [...products];
  const rank = (p: T) => (p.kinds.length > 0 ? 0 : p.demanderCount > 0 ? 1 : 2);
  const byStage = new Map<string, T[]>();
  // A stable sort: the given order within a rank.
  for (const p of [...products].sort((a, b) => rank(a) - rank(b))) byStage.set(p.stage, [...(byStage.get(p.stage) ?? []), p]);
  const stages = [...byStage.values()].sort((a, b) => a.length - b.length);
  const chosen = new Set<T>();
  let left = max;
  stages.forEach((list, i) => {
    const take = Math.min(list.length, Math.floor(left / (stages.length - i)));
    list.slice(0, take).forEach((p) => chosen.add(p));
    left -= take;
  });
  return products.filter((p) => chosen.has(p));
}
