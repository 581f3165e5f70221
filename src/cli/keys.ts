import path from "node:path";
import { pathToFileURL } from "node:url";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import { connectShared } from "../server/redis.js";
import { ApiKeyStore, validateKeyName, validateRole, type ApiKeyRecord } from "../auth/keys.js";
import { ROLES, type Role } from "../auth/viewer.js";
import { loadConfig } from "../config.js";
import { ErrorCode } from "../errors.js";
import { openDatabase } from "../graph/db/database.js";
import { createLogger } from "../logger.js";
import { parseOrExit, UsageError } from "./usage.js";

export const USAGE = `usage: npm run keys -- <command>

  create --name NAME --role ${ROLES.join("|")}
                 create an API key; the key is printed once, alone on the last line, and cannot be shown again
  list           list the keys: name, role, id, created, last used, revoked (never the keys themselves)
  revoke NAME    revoke a key: the next request with it is refused
  --help         show this help

Rotating a key: create a new one under a new name, switch its users over, then revoke the old one:
  npm run keys -- create --name ci-2 --role editor
  npm run keys -- revoke ci
A key name is 1-64 letters, digits, ".", "_" or "-", and stays taken after the key is revoked.
Requests send the key as  Authorization: Bearer <key>  and appear in logs as key:<id>.

The database is the service's: NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or
with NEO4J_URI unset the local Neo4j (started if it is not running).

exit status: 0 done, 1 refused (name taken, no such key) or a database failure, 2 bad usage`;

export type KeysCommand =
  { command: "create"; name: string; role: Role } | { command: "list" } | { command: "revoke"; name: string };

/** Parses the command line (`--flag value` or `--flag=value`); returns null when help was asked for. */
export function parseArgs(argv: readonly string[]): KeysCommand | null {
  if (argv.includes("--help") || argv.includes("-h")) return null;
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flags.has(flag)) throw new UsageError(`${flag} given twice`);
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  const allow = (...known: string[]) => {
    const unknown = [...flags.keys()].find((f) => !known.includes(f));
    if (unknown) throw new UsageError(`unknown flag ${unknown} for ${command}`);
  };
  switch (command) {
    case "create": {
      allow("--name", "--role");
      if (positional.length > 0) throw new UsageError(`create takes no arguments besides its flags, got ${positional.join(" ")}`);
      const name = flags.get("--name");
      const role = flags.get("--role");
      if (name === undefined) throw new UsageError("create needs --name NAME");
      if (role === undefined) throw new UsageError(`create needs --role ${ROLES.join("|")}`);
      validated(() => validateKeyName(name));
      validated(() => validateRole(role));
      return { command, name, role: role as Role };
    }
    case "list":
      allow();
      if (positional.length > 0) throw new UsageError(`list takes no arguments, got ${positional.join(" ")}`);
      return { command };
    case "revoke":
      allow();
      if (positional.length !== 1) throw new UsageError("revoke takes one key name");
      return { command, name: positional[0]! };
    case undefined:
      throw new UsageError("give a command: create, list or revoke");
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function validated(check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `npm run keys -- create|list|revoke`: manages the API keys in the service's database. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const config = loadConfig();
  // Logs go to stderr, so that stdout holds only what this command prints and the key stays its last line.
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2));
  const db = await openDatabase(config, logger);
  // With the replicas' Redis configured, a revocation is told to them at once (src/server/redis.ts).
  const shared =
    args.command === "revoke" && config.rateLimit.store ? await connectShared(config.rateLimit.store, logger) : undefined;
  const store = new ApiKeyStore(db.executor, { logger, ...(shared && { revocations: shared }) });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    switch (args.command) {
      case "create": {
        const { key, record } = await store.createKey({ name: args.name, role: args.role });
        out(`created API key "${record.name}" (role ${record.role}, id ${record.keyId}) in ${db.uri}`);
        out("warning: the key is shown only this once and cannot be recovered; store it now");
        out(key);
        break;
      }
      case "list":
        out(table(await store.listKeys()));
        break;
      case "revoke": {
        const { record, alreadyRevoked } = await store.revokeKey(args.name);
        out(
          alreadyRevoked
            ? `API key "${record.name}" (id ${record.keyId}) was already revoked at ${record.revokedAt}`
            : `revoked API key "${record.name}" (id ${record.keyId}) at ${record.revokedAt}`,
        );
        break;
      }
    }
    return 0;
  } catch (error) {
    // Refusals the caller can act on (name taken, no such key): their message alone.
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.NOT_FOUND) {
      process.stderr.write(`${(error as GraphQLError).message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.settle();
    await shared?.close();
    await db.close();
  }
}

/** The keys as a plain-text table, times to the second in UTC. */
export function table(records: readonly ApiKeyRecord[]): string {
  if (records.length === 0) return "no API keys";
  const time = (iso: string | null) => (iso === null ? "-" : `${new Date(iso).toISOString().slice(0, 19).replace("T", " ")}Z`);
  const rows = [
    ["name", "role", "id", "created", "last used", "revoked"],
    ...records.map((r) => [r.name, r.role, r.keyId, time(r.createdAt), time(r.lastUsedAt), time(r.revokedAt)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`keys failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
