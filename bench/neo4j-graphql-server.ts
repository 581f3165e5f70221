/**
 * The `@neo4j/graphql` side of the benchmark: type definitions over the SAME graph the service reads
 * (see docs/data-format.md, "Graph written"), served by Apollo Server 5 standalone.
 *
 *   tsx bench/neo4j-graphql-server.ts            # NEO4J_URI (default bolt://127.0.0.1:7687), PORT (default 4100)
 *
 * `bench/run.ts` starts it as a child process, so that it, like our service, runs in a process of its
 * own and the load generator's CPU is accounted the same way for every contender.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j, { type Driver } from "neo4j-driver";
import { pathToFileURL } from "node:url";

/**
 * Only what the graph holds. Relationship fields are lists (the library's v7 model); a city or a
 * chain is therefore a one-element list. Edge properties: PRODUCES {capacity}, SUPPLIES {product, volume}.
 * Full-text search (read (d)): `enterprisesByName(phrase:)` over the existing index `entity_names`.
 */
export const typeDefs = /* GraphQL */ `
  extend schema @mutation(operations: [])

  enum RegionKind {
    PROVINCE
    CIRCLE
    CITY
  }

  enum Stage {
    UPSTREAM
    MIDSTREAM
    DOWNSTREAM
  }

  type Produces @relationshipProperties {
    capacity: Float
  }

  type Supplies @relationshipProperties {
    product: String!
    volume: Float
  }

  type Region @node {
    code: String!
    name: String
    nameZh: String
    kind: RegionKind!
    parent: [Region!]! @relationship(type: "PART_OF", direction: OUT)
    children: [Region!]! @relationship(type: "PART_OF", direction: IN)
    enterprises: [Enterprise!]! @relationship(type: "LOCATED_IN", direction: IN)
    clusters: [Cluster!]! @relationship(type: "LOCATED_IN", direction: IN)
  }

  type IndustryChain @node {
    code: String!
    name: String
    nameZh: String
    industry: String
    products: [Product!]! @relationship(type: "IN_CHAIN", direction: IN)
  }

  type Product @node {
    code: String!
    name: String
    nameZh: String
    stage: Stage!
    chain: [IndustryChain!]! @relationship(type: "IN_CHAIN", direction: OUT)
    inputs: [Product!]! @relationship(type: "REQUIRES", direction: OUT)
    usedBy: [Product!]! @relationship(type: "REQUIRES", direction: IN)
    producers: [Enterprise!]! @relationship(type: "PRODUCES", direction: IN, properties: "Produces")
  }

  type Cluster @node {
    code: String!
    name: String
    nameZh: String
    city: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
    members: [Enterprise!]! @relationship(type: "MEMBER_OF", direction: IN)
  }

  # The service's full-text index (src/graph/db/migrations.ts). It spans every label; the library searches
  # it for this type only (its query keeps the nodes labelled Enterprise).
  type Enterprise
    @node
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "enterprisesByName", fields: ["name", "nameZh", "code"] }]) {
    code: String!
    name: String
    nameZh: String
    city: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
    cluster: [Cluster!]! @relationship(type: "MEMBER_OF", direction: OUT)
    products: [Product!]! @relationship(type: "PRODUCES", direction: OUT, properties: "Produces")
    suppliers: [Enterprise!]! @relationship(type: "SUPPLIES", direction: IN, properties: "Supplies")
    customers: [Enterprise!]! @relationship(type: "SUPPLIES", direction: OUT, properties: "Supplies")
  }
`;

export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}

/** Builds the @neo4j/graphql schema on `driver` and serves it at `http://127.0.0.1:<port>/`. */
export async function startNeo4jGraphqlServer(driver: Driver, port: number, database?: string): Promise<StartedServer> {
  const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
  const schema = await neoSchema.getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: "127.0.0.1" },
    context: async () => (database ? { sessionConfig: { database } } : {}),
  });
  return { url, stop: () => server.stop() };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
  const password = process.env.NEO4J_PASSWORD;
  const auth = password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined;
  // The same pool size as the service's driver (src/graph/db/driver.ts).
  const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 50 });
  const started = await startNeo4jGraphqlServer(
    driver,
    Number(process.env.PORT ?? 4100),
    process.env.NEO4J_DATABASE || undefined,
  );
  process.stdout.write(`NEO4J_GRAPHQL_READY ${started.url}\n`);
  const stop = () =>
    void started
      .stop()
      .then(() => driver.close())
      .then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
