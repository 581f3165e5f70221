import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ApiKeyStore } from "../auth/keys.js";
import type { Context } from "../context.js";
import { forbidden } from "../errors.js";
import { ApiKey, CreatedApiKey, ViewerInfo, Role } from "../schema/viewer.type.js";
import type { Role as RoleName } from "../auth/viewer.js";
import { Declare } from "../schema/declare.js";

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerInfo, {
    description: "Who the service takes the caller to be: an app shows it, and asks for a key when it must.",
  })
  @Declare({ root: "resolver" })
  viewer(@Ctx() ctx: Context): ViewerInfo {
    const { kind, name, role } = ctx.viewer;
    // A caller without a role is refused before any resolver runs (src/server/access.ts).
    if (role === null) throw forbidden("This caller has no role");
    return { kind, name, role };
  }

  @Authorized("admin")
  @Query(() => [ApiKey], {
    description: "Every API key, oldest first, without secrets (admin only; `npm run keys` manages them).",
  })
  @Declare({ root: "resolver", items: 20 }) // a planning figure: a service has a handful of keys
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return new ApiKeyStore(ctx.executor).listKeys();
  }

  @Authorized("admin")
  @Mutation(() => CreatedApiKey, {
    description:
      "Creates an API key (admin only). The key is in this answer and nowhere else: names stay unique for good, revoked keys' too.",
  })
  @Declare({ writes: 1 })
  async createApiKey(
    @Arg("name", () => String) name: string,
    @Arg("role", () => Role) role: RoleName,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    const { key, record } = await keyStore(ctx).createKey({ name, role });
    ctx.logger.info({ keyId: record.keyId, name, role }, "api key created");
    return { key, apiKey: record };
  }

  @Authorized("admin")
  @Mutation(() => ApiKey, {
    description:
      "Revokes the API key named `name` (admin only; NOT_FOUND if there is none). This replica refuses it at once, the others as soon as the shared Redis tells them, and at the latest after KEY_CACHE_MS.",
  })
  @Declare({ writes: 1 })
  async revokeApiKey(@Arg("name", () => String) name: string, @Ctx() ctx: Context): Promise<ApiKey> {
    const { record, alreadyRevoked } = await keyStore(ctx).revokeKey(name);
    ctx.logger.info({ keyId: record.keyId, name, alreadyRevoked }, "api key revoked");
    return record;
  }
}

/** The process's key store (its cache and revocation channel), or, for in-process callers, a plain one. */
function keyStore(ctx: Context): ApiKeyStore {
  return ctx.keys ?? new ApiKeyStore(ctx.executor);
}
