import { registerEnumType } from "type-graphql";

export enum WeakLinkKind {
  MISSING = "MISSING",
  SINGLE_SOURCE = "SINGLE_SOURCE",
  LOW_LOCAL_SHARE = "LOW_LOCAL_SHARE",
}
registerEnumType(WeakLinkKind, {
  name: "WeakLinkKind",
  description: "Why a demanded chain product is a weak link (短板) in a scope; see docs/analytics.md.",
  valuesConfig: {
    MISSING: { description: "No enterprise in the scope makes it." },
    SINGLE_SOURCE: { description: "Exactly one enterprise in the scope makes it." },
    LOW_LOCAL_SHARE: { description: "Two or more make it, but under half of the volume delivered into the scope is local." },
  },
});

export enum Lang {
  EN = "EN",
  ZH = "ZH",
}
registerEnumType(Lang, { name: "Lang", description: "Language of explanations: English or Chinese (中文)." });

export enum ChainMapOrder {
  STAGE = "STAGE",
  WEAK_FIRST = "WEAK_FIRST",
}
registerEnumType(ChainMapOrder, {
  name: "ChainMapOrder",
  description: "Which products a chain map lists first, for a chain too large to list whole.",
  valuesConfig: {
    STAGE: { description: "By stage (upstream first), then code." },
    WEAK_FIRST: {
      description:
        "The weak links as shortBoards ranks them, then the other demanded products (most demanders first), then the rest by stage and code.",
    },
  },
});
