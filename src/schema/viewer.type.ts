import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum ViewerKind {
  ANONYMOUS = "anonymous",
  KEY = "key",
  JWT = "jwt",
}
registerEnumType(ViewerKind, { name: "ViewerKind", description: "How the caller proved who it is." });

export enum Role {
  READER = "reader",
  EDITOR = "editor",
  ADMIN = "admin",
}
registerEnumType(Role, {
  name: "Role",
  description: "What a caller may do; each role has the rights of those before it (SECURITY.md).",
});

@ObjectType({ description: "The caller of this request, as the service authenticated it." })
export class ViewerInfo {
  @Field(() => ViewerKind)
  kind!: ViewerKind;

  @Field(() => String, { description: "The key's name, the token's subject, or `anonymous`." })
  name!: string;

  @Field(() => Role, { description: "Anonymous callers read (ANONYMOUS_ACCESS=read), or are not admitted at all." })
  role!: Role;
}

@ObjectType({ description: "An API key, without its secret or hash (admin only)." })
export class ApiKey {
  @Field(() => String, { description: "The key's public id: the part after `ckg_`, as the logs name it (`key:<id>`)." })
  keyId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

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
