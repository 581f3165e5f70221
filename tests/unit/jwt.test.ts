import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GraphQLError } from "graphql";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAuthConfig, type JwtConfig } from "../../src/auth/config.js";
import { createJwtVerifier, type JwtVerifier } from "../../src/auth/jwt.js";
import { ConfigError } from "../../src/config.js";

const ISSUER = "https://idp.example";
const AUDIENCE = "chain-kg";

let dir: string;
let jwksFile: string;
let signingKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chain-kg-jwt-"));
  const pair = await generateKeyPair("ES256");
  signingKey = pair.privateKey;
  // A second pair with the same kid: its tokens name a key the set holds, but the signature is wrong.
  otherKey = (await generateKeyPair("ES256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  jwksFile = path.join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(env: Record<string, string> = {}): JwtConfig {
  const auth = loadAuthConfig({ JWT_JWKS: jwksFile, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...env });
  return auth.jwt!;
}

interface TokenOptions {
  key?: CryptoKey;
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
  subject?: string | null;
}

function token(claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m");
  if (options.subject !== null) jwt.setSubject(options.subject ?? "user-1");
  return jwt.sign(options.key ?? signingKey);
}

async function refusal(verifier: JwtVerifier, jwt: string): Promise<string> {
  const error = await verifier.verify(jwt).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe("UNAUTHENTICATED");
  const message = (error as GraphQLError).message;
  expect(message).not.toContain(jwt);
  return message;
}

describe("JWT roles", () => {
  it("takes role names from an array claim, the highest winning", async () => {
    const viewer = await createJwtVerifier(config()).verify(await token({ roles: ["reader", "admin", "editor", "other"] }));
    expect(viewer).toEqual({ kind: "jwt", id: `jwt:${ISSUER}|user-1`, name: "user-1", role: "admin" });
  });

  it("takes a string claim as one value", async () => {
    const viewer = await createJwtVerifier(config()).verify(await token({ roles: "editor" }));
    expect(viewer.role).toBe("editor");
  });

  it("follows a dotted path into nested claims", async () => {
    const verifier = createJwtVerifier(config({ JWT_ROLES_CLAIM: "realm_access.roles" }));
    const viewer = await verifier.verify(await token({ realm_access: { roles: ["offline_access", "editor"] } }));
    expect(viewer.role).toBe("editor");
  });

  it("reads a namespaced claim whose name holds dots as one claim", async () => {
    const verifier = createJwtVerifier(config({ JWT_ROLES_CLAIM: "https://acme.example/roles" }));
    expect((await verifier.verify(await token({ "https://acme.example/roles": ["reader"] }))).role).toBe("reader");
  });

  it("maps claim values through JWT_ROLE_MAP, the highest mapped role winning, and ignores unmapped and bare role names", async () => {
    const verifier = createJwtVerifier(
      config({ JWT_ROLES_CLAIM: "groups", JWT_ROLE_MAP: "kg-readers:reader, kg-editors:editor,urn:acme:ops:admin" }),
    );
    expect((await verifier.verify(await token({ groups: ["kg-readers", "unrelated"] }))).role).toBe("reader");
    expect((await verifier.verify(await token({ groups: ["kg-editors", "kg-readers"] }))).role).toBe("editor");
    expect((await verifier.verify(await token({ groups: ["kg-readers", "urn:acme:ops"] }))).role).toBe("admin");
    // With a map, the role names themselves are just unmapped values.
    expect(await refusal(verifier, await token({ groups: ["admin"] }))).toMatch(/no role this service knows.*JWT_ROLE_MAP/);
  });

  it("names the viewer by name or preferred_username when present", async () => {
    const verifier = createJwtVerifier(config());
    expect((await verifier.verify(await token({ roles: ["reader"], name: "Ada" }))).name).toBe("Ada");
    expect((await verifier.verify(await token({ roles: ["reader"], preferred_username: "ada" }))).name).toBe("ada");
  });

  it("accepts any issuer and audience when none is configured", async () => {
    const verifier = createJwtVerifier(loadAuthConfig({ JWT_JWKS: jwksFile }).jwt!);
    const viewer = await verifier.verify(await token({ roles: ["reader"] }, { issuer: "https://elsewhere", audience: "x" }));
    expect(viewer.id).toBe("jwt:https://elsewhere|user-1");
  });
});

describe("JWT refusals", () => {
  it("refuses a valid token that carries no known role", async () => {
    const verifier = createJwtVerifier(config());
    expect(await refusal(verifier, await token({ roles: ["superuser"] }))).toMatch(
      /no role this service knows in its "roles" claim/,
    );
    expect(await refusal(verifier, await token({}))).toMatch(/no role/);
  });

  it("refuses a wrong issuer", async () => {
    const message = await refusal(
      createJwtVerifier(config()),
      await token({ roles: ["admin"] }, { issuer: "https://evil.example" }),
    );
    expect(message).toMatch(/issuer/);
  });

  it("refuses a wrong audience", async () => {
    const message = await refusal(createJwtVerifier(config()), await token({ roles: ["admin"] }, { audience: "another-api" }));
    expect(message).toMatch(/audience/);
  });

  it("refuses an expired token", async () => {
    const expired = Math.floor(Date.now() / 1000) - 3600;
    expect(await refusal(createJwtVerifier(config()), await token({ roles: ["admin"] }, { expiresIn: expired }))).toMatch(
      /expired/,
    );
  });

  it("refuses a token signed by another key", async () => {
    const message = await refusal(createJwtVerifier(config()), await token({ roles: ["admin"] }, { key: otherKey }));
    expect(message).toMatch(/signature does not verify/);
  });

  it("refuses a token whose payload was altered", async () => {
    const [header, , signature] = (await token({ roles: ["reader"] })).split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "user-1", roles: ["admin"], iss: ISSUER, aud: AUDIENCE, exp: 9e9 }),
    ).toString("base64url");
    expect(await refusal(createJwtVerifier(config()), `${header}.${forged}.${signature}`)).toMatch(/signature/);
  });

  it("refuses a token without a subject", async () => {
    expect(await refusal(createJwtVerifier(config()), await token({ roles: ["admin"] }, { subject: null }))).toMatch(/"sub"/);
  });

  it("refuses an unsigned (alg none) token", async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "none" })}.${part({ sub: "x", roles: ["admin"], iss: ISSUER, aud: AUDIENCE, exp: 9e9 })}.`;
    await refusal(createJwtVerifier(config()), unsigned);
  });

  it("refuses garbage", async () => {
    expect(await refusal(createJwtVerifier(config()), "abc.def.ghi")).toMatch(/malformed/);
  });
});

describe("auth config", () => {
  it("has defaults", () => {
    expect(loadAuthConfig({})).toEqual({ anonymousAccess: "read", jwt: undefined });
    expect(config().rolesClaim).toBe("roles");
    expect(loadAuthConfig({ JWT_JWKS: "https://idp.example/jwks" }).jwt?.jwks).toEqual({
      kind: "url",
      url: new URL("https://idp.example/jwks"),
    });
  });

  it.each([
    [{ ANONYMOUS_ACCESS: "write" }, /ANONYMOUS_ACCESS/],
    [{ JWT_ISSUER: ISSUER }, /JWT_ISSUER set but JWT_JWKS is not/],
    [{ JWT_JWKS: "ftp://idp.example/jwks" }, /JWT_JWKS/],
    [{ JWT_JWKS: "x", JWT_ROLE_MAP: "group:owner" }, /JWT_ROLE_MAP.*owner/],
    [{ JWT_JWKS: "x", JWT_ROLE_MAP: "admin" }, /JWT_ROLE_MAP entries/],
    [{ JWT_JWKS: "x", JWT_ROLE_MAP: "a:reader,a:admin" }, /JWT_ROLE_MAP maps "a" twice/],
    [{ JWT_JWKS: "x", JWT_ROLES_CLAIM: "realm_access..roles" }, /JWT_ROLES_CLAIM/],
  ])("refuses %o", (env, message) => {
    expect(() => loadAuthConfig(env)).toThrow(ConfigError);
    expect(() => loadAuthConfig(env)).toThrow(message);
  });

  it("refuses a JWKS file that is missing or not a key set, naming JWT_JWKS", () => {
    expect(() => createJwtVerifier(config({ JWT_JWKS: path.join(dir, "missing.json") }))).toThrow(/JWT_JWKS/);
    const notJwks = path.join(dir, "not-jwks.json");
    writeFileSync(notJwks, JSON.stringify({ hello: 1 }));
    expect(() => createJwtVerifier(config({ JWT_JWKS: notJwks }))).toThrow(ConfigError);
  });
});
