import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/graph/vocabulary/paging.js";
import { globalId, parseGlobalId } from "../../src/graph/vocabulary/records.js";
import { escapeLucene } from "../../src/graph/repositories/search.repository.js";
import { loadConfig, ConfigError } from "../../src/config.js";

describe("cursors and ids", () => {
  it("round-trips cursors and refuses foreign ones with BAD_USER_INPUT", () => {
    expect(decodeCursor(encodeCursor("SD-JINAN"))).toBe("SD-JINAN");
    expect(decodeCursor(null)).toBeNull();
    try {
      decodeCursor("not-a-cursor");
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("round-trips global ids, including codes with colons and Chinese", () => {
    const id = globalId("Enterprise", "济南:1");
    expect(parseGlobalId(id)).toEqual({ typename: "Enterprise", code: "济南:1" });
    expect(parseGlobalId("garbage!")).toBeUndefined();
  });

  it("escapes Lucene syntax", () => {
    expect(escapeLucene("C++ (OS)")).toBe("C\\+\\+ \\(OS\\)");
  });
});

describe("loadConfig", () => {
  it("has defaults and validates numbers and URIs", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4jUri).toBeUndefined();
    expect(config.localNeo4jPort).toBe(7687);
    expect(config.localNeo4jDir).toBe(".data/neo4j");
    expect(config.seed).toBe("shandong");
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ NEO4J_URI: "http://x" })).toThrow(/NEO4J_URI/);
    expect(loadConfig({ NEO4J_URI: "neo4j+s://abc.databases.neo4j.io" }).neo4jUri).toBe("neo4j+s://abc.databases.neo4j.io");
  });

  it("reads the replicas' settings: the rate-limit store, the key cache, metrics", () => {
    const defaults = loadConfig({});
    expect(defaults.rateLimit.store).toBeUndefined();
    expect(defaults.keyCacheMs).toBe(10_000);
    expect(defaults.metrics).toBe(true);
    expect(loadConfig({ RATE_LIMIT_STORE: "memory" }).rateLimit.store).toBeUndefined();
    expect(loadConfig({ RATE_LIMIT_STORE: "redis://:secret@cache:6379/2" }).rateLimit.store).toBe("redis://:secret@cache:6379/2");
    expect(loadConfig({ RATE_LIMIT_STORE: "rediss://cache:6380" }).rateLimit.store).toBe("rediss://cache:6380");
    expect(() => loadConfig({ RATE_LIMIT_STORE: "cache:6379" })).toThrow(/RATE_LIMIT_STORE must be "memory" or a redis:\/\//);
    expect(() => loadConfig({ KEY_CACHE_MS: "-1" })).toThrow(/KEY_CACHE_MS/);
    expect(loadConfig({ KEY_CACHE_MS: "0" }).keyCacheMs).toBe(0);
    expect(loadConfig({ METRICS: "off" }).metrics).toBe(false);
    expect(() => loadConfig({ METRICS: "no" })).toThrow(/METRICS must be "on" or "off"/);
  });
});
