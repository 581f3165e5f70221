/**
 * Industrial clusters: 1–4 per city (3–4 in the big ones), each focused on one or two chains that the
 * city is strong in.
 */

import type { Rng } from "./random.js";
import { CITIES } from "./province.js";
import { chainAffinity, type Catalog } from "./chains.js";
import { clusterName } from "./names.js";

export interface Cluster {
  index: number;
  id: string;
  name: string;
  nameZh: string;
  city: number;
  /** Chain indices. */
  focus: number[];
}

export interface ClusterSet {
  clusters: Cluster[];
  /** For each city, its cluster indices. */
  byCity: number[][];
}

export function buildClusters(rng: Rng, catalog: Catalog): ClusterSet {
  const clusters: Cluster[] = [];
  const byCity: number[][] = CITIES.map(() => []);
  for (const city of CITIES) {
    const count = city.weight >= 10 ? rng.range(3, 4) : city.weight >= 6 ? rng.range(2, 3) : rng.range(1, 2);
    const weights = catalog.chains.map((chain) => chainAffinity(chain, city.index));
    const used = new Set<number>();
    for (let k = 0; k < count; k++) {
      // Prefer chains not yet the focus of another cluster in this city.
      const fresh = weights.map((w, c) => (used.has(c) ? w * 0.05 : w));
      const first = rng.weighted(fresh);
      const focus = [first];
      if (catalog.chains.length > 1 && rng.chance(0.4)) {
        const second = rng.weighted(fresh.map((w, c) => (c === first ? 0 : w)));
        focus.push(second);
      }
      for (const c of focus) used.add(c);
      const [name, nameZh] = clusterName(city, [catalog.chains[first]!.name, catalog.chains[first]!.nameZh], k);
      const cluster: Cluster = {
        index: clusters.length,
        id: `GCL${String(clusters.length + 1).padStart(3, "0")}`,
        name,
        nameZh,
        city: city.index,
        focus,
      };
      clusters.push(cluster);
      byCity[city.index]!.push(cluster.index);
    }
  }
  return { clusters, byCity };
}
