import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { ApiKeyStore } from "../auth/keys.js";
import type { Context } from "../context.js";
import { forbidden } from "../errors.js";
import { ApiKey, ViewerInfo } from "../schema/viewer.type.js";
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
}
