import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, print } from "graphql";

/** The committed manifest: `npm run codegen` writes it from examples/ and the client documents. */
export const MANIFEST_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../generated/persisted-operations.json");

/**
 * An operation's id: the SHA-256 of its document as graphql-js prints it. Printing first makes the id
 * independent of whitespace, comments and commas, so a client may send the manifest's id, or the
 * document text in any layout, and be matched alike. The codegen plugin (codegen/persisted-operations.cjs)
 * computes the same id.
 */
export function operationId(document: string): string {
  return createHash("sha256")
    .update(print(parse(document)))
    .digest("hex");
}

/** The safelist of PERSISTED_OPERATIONS=only: id → document. */
export class PersistedOperations {
  private readonly byId: ReadonlyMap<string, string>;

  constructor(entries: Record<string, string>) {
    this.byId = new Map(Object.entries(entries));
  }

  static load(file = MANIFEST_FILE): PersistedOperations {
    return new PersistedOperations(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every document of the manifest. */
  documents(): string[] {
    return [...this.byId.values()];
  }

  /** The document of `id` ("sha256:<hex>" or "<hex>"), if the manifest has it. */
  document(id: string): string | undefined {
    return this.byId.get(id.startsWith("sha256:") ? id.slice("sha256:".length) : id);
  }

  /** True when `document` (any layout) is one of the manifest's. A document that does not parse is not. */
  allows(document: string): boolean {
    try {
      return this.byId.has(operationId(document));
    } catch {
      return false;
    }
  }
}
