import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { connectionPage } from "../graph/vocabulary/paging.js";
import type { Page } from "../graph/vocabulary/paging.js";

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** Shapes a repository page as a Relay connection. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return {
    ...connectionPage(page.nodes, page.cursors, page.hasNextPage, page.hasPreviousPage),
    // A getter, so the count query runs only when a client selects `totalCount`.
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** Makes `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
  class ConnectionType {
    @Field(() => Int, { description: "How many items match, across all pages." })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType])
    nodes!: T[];
  }
  return ConnectionType;
}
