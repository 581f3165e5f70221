// #1 plan.Region.parent (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:PART_OF]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #2 plan.Region.parent (all properties)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:PART_OF]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #3 plan.Region.children (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF]-(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #4 plan.Region.children (all properties)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF]-(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #5 plan.Region.enterprises (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #6 plan.Region.enterprises (all properties)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #7 plan.Region.enterprises (properties in $args.keys, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #8 plan.Region.enterprises (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #9 plan.Region.enterprises (properties in $args.keys, after)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #10 plan.Region.enterprises (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #11 plan.Region.enterprises (properties in $args.keys, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #12 plan.Region.enterprises (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #13 plan.Region.clusters (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #14 plan.Region.clusters (all properties)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #15 plan.Region.planItems (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:CONCERNS]-(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #16 plan.Region.planItems (all properties)
UNWIND $args.parents AS pk
MATCH (p:Region {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:CONCERNS]-(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #17 plan.Industry.chains (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Industry {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:OF_INDUSTRY]-(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #18 plan.Industry.chains (all properties)
UNWIND $args.parents AS pk
MATCH (p:Industry {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:OF_INDUSTRY]-(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #19 plan.IndustryChain.industry (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:OF_INDUSTRY]->(n:Industry) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #20 plan.IndustryChain.industry (all properties)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:OF_INDUSTRY]->(n:Industry) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #21 plan.IndustryChain.products (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #22 plan.IndustryChain.products (all properties)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #23 plan.IndustryChain.products (properties in $args.keys, totalCount)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #24 plan.IndustryChain.products (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #25 plan.IndustryChain.products (properties in $args.keys, after)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE n.code > $args.after AND ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #26 plan.IndustryChain.products (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE n.code > $args.after AND ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #27 plan.IndustryChain.products (properties in $args.keys, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE n.code > $args.after AND ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #28 plan.IndustryChain.products (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE n.code > $args.after AND ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:IN_CHAIN]-(n:Product) WHERE ($opts.stage IS NULL OR n.stage = $opts.stage) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #29 plan.IndustryChain.clusters (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:FOCUSES_ON]-(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #30 plan.IndustryChain.clusters (all properties)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:FOCUSES_ON]-(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #31 plan.IndustryChain.planItems (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:CONCERNS]-(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #32 plan.IndustryChain.planItems (all properties)
UNWIND $args.parents AS pk
MATCH (p:IndustryChain {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:CONCERNS]-(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #33 plan.Product.chain (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:IN_CHAIN]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #34 plan.Product.chain (all properties)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:IN_CHAIN]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #35 plan.Product.inputs (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:REQUIRES]->(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #36 plan.Product.inputs (all properties)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:REQUIRES]->(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #37 plan.Product.usedBy (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:REQUIRES]-(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #38 plan.Product.usedBy (all properties)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:REQUIRES]-(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #39 plan.Product.producers (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #40 plan.Product.producers (all properties)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #41 plan.Product.producers (properties in $args.keys, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #42 plan.Product.producers (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #43 plan.Product.producers (properties in $args.keys, after)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #44 plan.Product.producers (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #45 plan.Product.producers (properties in $args.keys, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #46 plan.Product.producers (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Product {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:PRODUCES]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #47 plan.Cluster.city (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:LOCATED_IN]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #48 plan.Cluster.city (all properties)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:LOCATED_IN]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #49 plan.Cluster.focus (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:FOCUSES_ON]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #50 plan.Cluster.focus (all properties)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:FOCUSES_ON]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #51 plan.Cluster.members (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #52 plan.Cluster.members (all properties)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #53 plan.Cluster.members (properties in $args.keys, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #54 plan.Cluster.members (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #55 plan.Cluster.members (properties in $args.keys, after)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #56 plan.Cluster.members (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #57 plan.Cluster.members (properties in $args.keys, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #58 plan.Cluster.members (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Cluster {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE n.code > $args.after AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: null, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[:MEMBER_OF]-(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #59 plan.Enterprise.city (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:LOCATED_IN]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #60 plan.Enterprise.city (all properties)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:LOCATED_IN]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #61 plan.Enterprise.cluster (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:MEMBER_OF]->(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #62 plan.Enterprise.cluster (all properties)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:MEMBER_OF]->(n:Cluster) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #63 plan.Enterprise.products (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:PRODUCES]->(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: {capacity: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.capacity ELSE it.r['capacity_' + toString(toInteger($year))] END, version: it.r.version}, v: [k IN $args.keys | it.n[k]]}] AS i;

// #64 plan.Enterprise.products (all properties)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:PRODUCES]->(n:Product) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: {capacity: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.capacity ELSE it.r['capacity_' + toString(toInteger($year))] END, version: it.r.version}, v: properties(it.n)}] AS i;

// #65 plan.Enterprise.suppliers (all properties)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #66 plan.Enterprise.suppliers (all properties, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #67 plan.Enterprise.suppliers (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #68 plan.Enterprise.suppliers (all properties, totalCount, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #69 plan.Enterprise.suppliers (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #70 plan.Enterprise.suppliers (all properties, after, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #71 plan.Enterprise.suppliers (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #72 plan.Enterprise.suppliers (all properties, after, totalCount, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)<-[r:SUPPLIES]-(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #73 plan.Enterprise.customers (all properties)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #74 plan.Enterprise.customers (all properties, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #75 plan.Enterprise.customers (all properties, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #76 plan.Enterprise.customers (all properties, totalCount, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #77 plan.Enterprise.customers (all properties, after)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #78 plan.Enterprise.customers (all properties, after, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #79 plan.Enterprise.customers (all properties, after, totalCount)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END}}] AS i;

// #80 plan.Enterprise.customers (all properties, after, totalCount, ends)
UNWIND $args.parents AS pk
MATCH (p:Enterprise {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE n.code + '' + r.product > $args.after AND ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, r, n.code + '' + r.product AS sk ORDER BY sk LIMIT $limit
  RETURN collect({n: n, r: r, k: sk}) AS i
}
CALL { WITH p MATCH y = (p)-[r:SUPPLIES]->(n:Enterprise) WHERE ($opts.product IS NULL OR r.product = $opts.product) AND ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years)) RETURN count(*) AS t }
RETURN pk AS p, t, [it IN i | {c: elementId(it.r), k: it.k, r: null, v: {supplier: startNode(it.r).code, customer: endNode(it.r).code, product: it.r.product, props: properties(it.r), volume: CASE WHEN $year IS NULL OR it.r.years IS NULL THEN it.r.volume ELSE it.r['volume_' + toString(toInteger($year))] END, e: [CASE WHEN $args.ends.supplier IS NULL THEN null ELSE [k IN $args.ends.supplier | startNode(it.r)[k]] END, CASE WHEN $args.ends.customer IS NULL THEN null ELSE [k IN $args.ends.customer | endNode(it.r)[k]] END, CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: it.r.product}) WHERE ($year IS NULL OR ((q.years IS NULL OR $year IN q.years))) RETURN [k IN $args.ends.product | q[k]] }[0] END]}}] AS i;

// #81 plan.Plan.region (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Plan {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:ISSUED_FOR]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #82 plan.Plan.region (all properties)
UNWIND $args.parents AS pk
MATCH (p:Plan {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:ISSUED_FOR]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #83 plan.Plan.items (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:Plan {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:HAS_ITEM]->(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #84 plan.Plan.items (all properties)
UNWIND $args.parents AS pk
MATCH (p:Plan {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:HAS_ITEM]->(n:PlanItem) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #85 plan.PlanItem.plan (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:HAS_ITEM]-(n:Plan) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #86 plan.PlanItem.plan (all properties)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)<-[:HAS_ITEM]-(n:Plan) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #87 plan.PlanItem.chains (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #88 plan.PlanItem.chains (all properties)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:IndustryChain) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #89 plan.PlanItem.regions (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #90 plan.PlanItem.regions (all properties)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:Region) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #91 plan.PlanItem.industries (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:Industry) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #92 plan.PlanItem.industries (all properties)
UNWIND $args.parents AS pk
MATCH (p:PlanItem {code: pk})
CALL {
  WITH p
  MATCH y = (p)-[:CONCERNS]->(n:Industry) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #93 plan.SupplyLink.supplier (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = (n:Enterprise)-[p]->() WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #94 plan.SupplyLink.supplier (all properties)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = (n:Enterprise)-[p]->() WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #95 plan.SupplyLink.customer (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = ()-[p]->(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #96 plan.SupplyLink.customer (all properties)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = ()-[p]->(n:Enterprise) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;

// #97 plan.SupplyLink.product (properties in $args.keys)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = (n:Product {code: p.product}) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: [k IN $args.keys | it.n[k]]}] AS i;

// #98 plan.SupplyLink.product (all properties)
UNWIND $args.parents AS pk
MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk
CALL {
  WITH p
  MATCH y = (n:Product {code: p.product}) WHERE ($year IS NULL OR all(x IN nodes(y) + relationships(y) WHERE x.years IS NULL OR $year IN x.years))
  WITH n, n.code AS sk ORDER BY sk LIMIT 1
  RETURN collect({n: n, r: null, k: sk}) AS i
}
RETURN pk AS p, null AS t, [it IN i | {c: it.n.code, k: it.k, r: null, v: properties(it.n)}] AS i;
