import type { ChainKgClient } from "./client.js";
import { sleep } from "./retry.js";
import { ClientFeedPositionDocument, ClientGraphChangesDocument, type ClientGraphChangesQuery } from "./generated/graphql.js";

/** A change of the feed (`graphChanges`). */
export type GraphChange = ClientGraphChangesQuery["graphChanges"]["nodes"][number];

/**
 * A position in the change feed: the cursor of the last change read (an opaque string), or null for
 * the start, before any change.
 */
export type FeedPosition = string | null;

/** A page of changes and the position after them (where to go on from once they are applied). */
export interface FeedBatch {
  changes: GraphChange[];
  position: FeedPosition;
}

export interface FollowOptions {
  /** Where to start: the changes after it (null: from the first). */
  after: FeedPosition;
  /** Changes per request, 1 to 1000 (100 by default). */
  pageSize?: number;
  /** Keep polling once the end is reached (true by default); false stops at the end. */
  follow?: boolean;
  /** The wait between polls at the end of the feed, in ms (2 s by default). */
  pollIntervalMs?: number;
  /** Ends the iteration (quietly) when aborted. */
  signal?: AbortSignal;
}

/** Where the feed ends now: the position after its latest change (`graphChangesEnd`), null before any. */
export async function feedPosition(client: ChainKgClient, options: { signal?: AbortSignal } = {}): Promise<FeedPosition> {
  const { graphChangesEnd } = await client.request(ClientFeedPositionDocument, {}, { signal: options.signal });
  return graphChangesEnd;
}

/**
 * The changes after `after`, in commit order, a page at a time, each with the position after it. At
 * the end of the feed it polls every `pollIntervalMs` (unless `follow` is false, when it returns), so
 * a follower applies each batch and keeps its `position` to go on from after a restart. An empty
 * batch is never yielded. Aborting `signal` ends the iteration without an error.
 */
export async function* changes(client: ChainKgClient, options: FollowOptions): AsyncGenerator<FeedBatch, void, undefined> {
  const { signal } = options;
  const follow = options.follow ?? true;
  let position = options.after;
  try {
    for (;;) {
      const { graphChanges } = await client.request(
        ClientGraphChangesDocument,
        { after: position, first: options.pageSize ?? 100 },
        { signal },
      );
      if (graphChanges.nodes.length > 0) {
        position = graphChanges.pageInfo.endCursor ?? position;
        yield { changes: graphChanges.nodes, position };
      }
      if (graphChanges.pageInfo.hasNextPage) continue;
      if (!follow) return;
      await sleep(options.pollIntervalMs ?? 2_000, signal);
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
}

/** An element or subject of the feed, `Type:key` (`Enterprise:E1`, `Produces:E1>P1`), taken apart. */
export function parseElement(element: string): { type: string; key: string } {
  const colon = element.indexOf(":");
  return colon < 0 ? { type: element, key: "" } : { type: element.slice(0, colon), key: element.slice(colon + 1) };
}

/** The codes of the entities of `type` a change concerns: its element's, if of that type, and its subjects'. */
export function codesOf(change: GraphChange, type: string): string[] {
  const codes = new Set<string>();
  for (const element of [change.element, ...change.subjects]) {
    const parsed = parseElement(element);
    if (parsed.type === type) codes.add(parsed.key);
  }
  return [...codes];
}
