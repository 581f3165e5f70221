import { badInput } from "../../errors.js";

/** A page of records as repositories return it; `totalCount` is computed only when asked for. */
export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The most codes any list of an answer holds: the largest `first` a list field takes. */
export const MAX_LIST = 1000;

/**
 * Cursors are opaque to clients: base64url of the sort key of the last item. Paging is keyset
 * ("after this code"), so a page costs the same wherever it starts, unlike SKIP.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith("k:") || encodeCursor(text.slice(2)) !== cursor) {
    throw badInput(`"${cursor}" is not a cursor from this API`, "after");
  }
  return text.slice(2);
}

/** The edges, nodes and page info of a Relay connection, as the schema's connection types read them. */
export function connectionPage<T>(nodes: T[], cursors: string[], hasNextPage: boolean, hasPreviousPage: boolean) {
  return {
    edges: nodes.map((node, i) => ({ cursor: cursors[i]!, node })),
    nodes,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
  };
}
