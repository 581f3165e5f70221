/** The part of a product that the dependents walk reads. */
export interface ProductEdges {
  code: string;
  /** Codes of the products it requires. */
  inputCodes: readonly string[];
}

/** The `REQUIRES` graph reversed, on integer ids: for each product, the products that require it directly. */
export interface RequiredByGraph {
  codes: string[];
  ids: ReadonlyMap<string, number>;
  requiredBy: number[][];
}

/**
 * Builds the reversed `REQUIRES` graph once. Ids follow code order, so a walk can list its result
 * sorted without sorting; inputs missing from `products` get ids of their own.
 */
export function requiredBy(products: readonly ProductEdges[]): RequiredByGraph {
  const all = new Set<string>();
  for (const p of products) {
    all.add(p.code);
    for (const input of p.inputCodes) all.add(input);
  }
  const codes = [...all].sort();
  const ids = new Map(codes.map((c, i) => [c, i]));
  const reverse: number[][] = codes.map(() => []);
  for (const p of products) {
    const from = ids.get(p.code)!;
    for (const input of p.inputCodes) reverse[ids.get(input)!]!.push(from);
  }
  return { codes, ids, requiredBy: reverse };
}

/**
 * A product's dependents: the distinct products that require it directly or transitively.
 * A breadth-first walk along `REQUIRES` backwards; each product is visited once, so cycles end the
 * walk instead of looping. The product itself is never its own dependent, even on a cycle.
 * Returns codes sorted.
 */
export function dependentsOf(graph: RequiredByGraph, code: string): string[] {
  const start = graph.ids.get(code);
  if (start === undefined) return [];
  const seen = new Uint8Array(graph.codes.length);
  seen[start] = 1;
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.requiredBy[queue[i]!]!) {
      if (seen[next] === 0) {
        seen[next] = 1;
        queue.push(next);
      }
    }
  }
  seen[start] = 0;
  const out: string[] = [];
  for (let i = 0; i < seen.length; i++) if (seen[i] === 1) out.push(graph.codes[i]!);
  return out;
}
