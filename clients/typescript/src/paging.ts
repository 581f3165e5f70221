import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { ChainKgClient, RequestOptions } from "./client.js";

/** What a cursor page of the API holds (a Relay connection). */
export interface CursorPage<TNode> {
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every page of a connection, first to last: runs `document` with `variables` and `after` set to the
 * previous page's `endCursor` until a page says there is no next one. `connection` picks the page out
 * of the result (`(r) => r.enterprises`).
 */
export async function* pages<TResult, TVariables extends { after?: string | null | undefined }, TNode>(
  client: ChainKgClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  connection: (result: TResult) => CursorPage<TNode>,
  options?: RequestOptions,
): AsyncGenerator<CursorPage<TNode>, void, undefined> {
  let after = variables.after ?? null;
  for (;;) {
    const result = await client.request(document, ...([{ ...variables, after }, options] as [TVariables, RequestOptions?]));
    const page = connection(result);
    yield page;
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return;
    after = page.pageInfo.endCursor;
  }
}

/** Every node of a connection, page by page (see `pages`). */
export async function* nodes<TResult, TVariables extends { after?: string | null | undefined }, TNode>(
  client: ChainKgClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  connection: (result: TResult) => CursorPage<TNode>,
  options?: RequestOptions,
): AsyncGenerator<TNode, void, undefined> {
  for await (const page of pages(client, document, variables, connection, options)) yield* page.nodes;
}
