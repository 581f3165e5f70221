/**
 * Measures a catalogue's REQUIRES structure for the generator's summary and planted.json: degrees,
 * the largest set of transitive dependents, and chain sizes.
 */

import type { Catalog } from "./chains.js";

export interface ChainSize {
  id: string;
  products: number;
}

export interface CatalogShape {
  products: number;
  requires: number;
  /** Most inputs of one product, and most users (products requiring it). */
  maxInputs: number;
  maxUsers: number;
  /** Products with no inputs / no users. */
  noInputs: number;
  noUsers: number;
  /** Most products that require one product directly or transitively, and that product's id. */
  maxDependents: number;
  mostDependedOn: string;
  cycles: number;
  largestChain: ChainSize;
  smallestChain: ChainSize;
}

/**
 * Exact: a breadth-first search up the REQUIRES edges from every product that has users. The work is
 * the sum of all dependents sets, about a million steps at 1,000,000 products.
 */
export function measureCatalog(catalog: Catalog): CatalogShape {
  const { products, requiredBy, chains } = catalog;
  const n = products.length;
  const stamp = new Int32Array(n).fill(-1);
  const queue = new Uint32Array(n);
  let requires = 0;
  let maxInputs = 0;
  let maxUsers = 0;
  let noInputs = 0;
  let noUsers = 0;
  let maxDependents = 0;
  let mostDependedOn = -1;
  for (let s = 0; s < n; s++) {
    const inputs = products[s]!.inputs.length;
    requires += inputs;
    maxInputs = Math.max(maxInputs, inputs);
    if (inputs === 0) noInputs++;
    const users = requiredBy[s]!.length;
    maxUsers = Math.max(maxUsers, users);
    if (users === 0) {
      noUsers++;
      continue;
    }
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    stamp[s] = s;
    while (head < tail) {
      for (const u of requiredBy[queue[head++]!]!) {
        if (stamp[u] === s) continue;
        stamp[u] = s;
        queue[tail++] = u;
      }
    }
    // In a cycle a product reaches itself; it is not its own dependent.
    const dependents = tail - 1;
    if (dependents > maxDependents) {
      maxDependents = dependents;
      mostDependedOn = s;
    }
  }
  const sizes = chains.map((c) => ({ id: c.id, products: c.byStage.reduce((sum, list) => sum + list.length, 0) }));
  const largestChain = sizes.reduce((a, b) => (b.products > a.products ? b : a));
  const smallestChain = sizes.reduce((a, b) => (b.products < a.products ? b : a));
  return {
    products: n,
    requires,
    maxInputs,
    maxUsers,
    noInputs,
    noUsers,
    maxDependents,
    mostDependedOn: mostDependedOn >= 0 ? products[mostDependedOn]!.id : "",
    cycles: catalog.cycles.length,
    largestChain,
    smallestChain,
  };
}
