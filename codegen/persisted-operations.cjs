// A graphql-codegen plugin: the manifest of persisted operations (PERSISTED_OPERATIONS=only).
// Each document is keyed by the SHA-256 of its printed form, as src/server/persisted.ts computes it.
const { createHash } = require("node:crypto");
const { print } = require("graphql");

module.exports = {
  plugin(_schema, documents) {
    const entries = [];
    for (const source of documents) {
      if (!source.document) continue;
      const printed = print(source.document);
      entries.push([createHash("sha256").update(printed).digest("hex"), printed]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(Object.fromEntries(entries), null, 2) + "\n";
  },
};
