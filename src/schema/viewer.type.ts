import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ROLES, VIEWER_KINDS, type Role as RoleName, type ViewerKind as KindName } from "../auth/viewer.js";

/** A GraphQL enum of `values`: READER → "reader", so resolvers hand over the viewer's own strings. */
function enumOf<V extends string>(values: readonly V[]): { [K in V as Uppercase<K>]: K } {
  return Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in V as Uppercase<K>]: K };
}

/** src/auth/viewer.ts's kinds and roles, as GraphQL enums: one list each. */
const ViewerKind = enumOf(VIEWER_KINDS);
registerEnumType(ViewerKind, { name: "ViewerKind", description: "How the caller proved who it is." });

export const Role = enumOf(ROLES);
registerEnumType(Role, {
  name: "Role",
  description: "What a caller may do; each role has the rights of those before it (SECURITY.md).",
});

@ObjectType({ description: "The caller of this request, as the service authenticated it." })
export class ViewerInfo {
  @Field(() => ViewerKind)
  kind!: KindName;

  @Field(() => String, { description: "The key's name, the token's subject, or `anonymous`." })
  name!: string;

  @Field(() => Role, { description: "Anonymous callers read (ANONYMOUS_ACCESS=read), or are not admitted at all." })
  role!: RoleName;
}

@ObjectType({ description: "An API key, without its secret or hash (admin only)." })
export class ApiKey {
  @Field(() => String, { description: "The key's public id: the part after `ckg_`, as the logs name it (`key:<id>`)." })
  keyId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: RoleName;

  @Field(() => String, { description: "ISO 8601." })
  createdAt!: string;

  @Field(() => String, {
    nullable: true,
    description: "ISO 8601; written at most once a minute per service process; null when never used.",
  })
  lastUsedAt!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601; null while the key is valid." })
  revokedAt!: string | null;
}

@ObjectType({ description: "A key just created: the key itself is shown here once, and exists nowhere else." })
export class CreatedApiKey {
  @Field(() => String, { description: "The key, `ckg_<keyId>_<secret>`: send it as `Authorization: Bearer <key>`." })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
