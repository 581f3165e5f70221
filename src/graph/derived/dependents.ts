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
 * The breadth-first walk along \`REQUIRES\` backwards from \`start\`: each product is visited once, so
 * cycles end the walk instead of looping. Marks what it visits with \`mark\` in \`seen\` (so one
 * array serves many walks) and leaves the visited ids in \`queue\`, \`start\` first; returns how many
 * it visited, \`start\` included.
 */
function walkBack(graph: RequiredByGraph, start: number, seen: Int32Array, mark: number, queue: Int32Array): number {
  seen[start] = mark;
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  while (head < tail) {
    for (const next of graph.requiredBy[queue[head++]!]!) {
      if (seen[next] !== mark) {
        seen[next] = mark;
        queue[tail++] = next;
      }
    }
  }
  return tail;
}

/**
 * A product's dependents: the distinct products that require it directly or transitively. The
 * product itself is never its own dependent, even on a cycle. Returns codes sorted.
 */
export function dependentsOf(graph: RequiredByGraph, code: string): string[] {
  const start = graph.ids.get(code);
  if (start === undefined) return [];
  const n = graph.codes.length;
  const queue = new Int32Array(n);
  const visited = walkBack(graph, start, new Int32Array(n).fill(-1), 0, queue);
  // Ids follow code order, so sorting the ids sorts the codes.
  return [...queue.subarray(1, visited)].sort((a, b) => a - b).map((id) => graph.codes[id]!);
}

/** How many dependents every product has (by id), as \`dependentsOf\` lists them: one walk each. */
export function dependentCounts(graph: RequiredByGraph): Int32Array {
  const n = graph.codes.length;
  const out = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (graph.requiredBy[start]!.length > 0) out[start] = walkBack(graph, start, seen, start, queue) - 1;
  }
  return out;
}
