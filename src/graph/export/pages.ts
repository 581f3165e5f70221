import type { Params } from "../db/executor.js";

/** Runs one read statement: `Executor.read`, or a fresh request executor's for each page (the routes). */
export type PageRead = <Row>(operation: string, cypher: string, params: Params) => Promise<Row[]>;

/**
 * A read in pages by keyset: `cypher` returns at most `$limit` rows after the position its keyset
 * parameters name, in key order, so every page is one index range and the next page starts where the
 * last one ended, however large the graph. Labels and fragments come from code; every value is a parameter.
 */
export interface Keyset<Row> {
  /** The statement's label in logs, metrics and Neo4j's query log. */
  operation: string;
  cypher: string;
  /** The keyset parameters of the first page (before every key). */
  start: Params;
  /** The keyset parameters of the page after the one that ended with `last`. */
  after(last: Row): Params;
}

/** Rows per page by default: what the routes charge for as one page (src/server/export-route.ts). */
export const PAGE_ROWS = 1000;

/**
 * Reads `query` a page at a time. Each read asks for one row more than a page, so the pager knows
 * when it has read the last page (`done`) without reading an empty one.
 */
export class Pager<Row> implements AsyncIterable<Row[]> {
  private position: Params;
  private finished = false;

  constructor(
    private readonly read: PageRead,
    private readonly query: Keyset<Row>,
    /** The statement's other parameters (`$year`). */
    private readonly params: Params,
    readonly pageRows = PAGE_ROWS,
  ) {
    this.position = query.start;
  }

  /** True once the last page has been read. */
  get done(): boolean {
    return this.finished;
  }

  /** The next page (empty only for a read with no rows at all); call only while not `done`. */
  async next(): Promise<Row[]> {
    if (this.finished) throw new Error("Pager.next() after the last page");
    const rows = await this.read<Row>(this.query.operation, this.query.cypher, {
      ...this.params,
      ...this.position,
      limit: this.pageRows + 1,
    });
    if (rows.length <= this.pageRows) {
      this.finished = true;
      return rows;
    }
    rows.length = this.pageRows;
    this.position = this.query.after(rows[rows.length - 1]!);
    return rows;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Row[]> {
    while (!this.finished) {
      const rows = await this.next();
      if (rows.length > 0) yield rows;
    }
  }
}
