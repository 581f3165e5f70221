/**
 * The names of stages and weak-link kinds as a person reads them, in Chinese and English: the app
 * (web/src/i18n.ts), the annual report (src/report/messages.ts) and the reasons of `changes`
 * (changes.ts) show them. Free of imports, so the app's bundle takes it as it is.
 */
export const MAP_LABELS_ZH = {
  "stage.UPSTREAM": "上游",
  "stage.MIDSTREAM": "中游",
  "stage.DOWNSTREAM": "下游",
  "kind.MISSING": "缺失（本地无企业生产）",
  "kind.SINGLE_SOURCE": "单一来源（仅一家本地企业）",
  "kind.LOW_LOCAL_SHARE": "本地配套率低",
  "kind.HEALTHY": "配套健全",
  "kind.NOT_DEMANDED": "本地无需求",
  "kindShort.MISSING": "缺失",
  "kindShort.SINGLE_SOURCE": "单一来源",
  "kindShort.LOW_LOCAL_SHARE": "配套率低",
  "kindShort.HEALTHY": "健全",
  "kindShort.NOT_DEMANDED": "无需求",
} as const;

export const MAP_LABELS_EN: Record<keyof typeof MAP_LABELS_ZH, string> = {
  "stage.UPSTREAM": "Upstream",
  "stage.MIDSTREAM": "Midstream",
  "stage.DOWNSTREAM": "Downstream",
  "kind.MISSING": "Missing (no local maker)",
  "kind.SINGLE_SOURCE": "Single source (one local maker)",
  "kind.LOW_LOCAL_SHARE": "Low local share",
  "kind.HEALTHY": "Healthy",
  "kind.NOT_DEMANDED": "Not demanded locally",
  "kindShort.MISSING": "missing",
  "kindShort.SINGLE_SOURCE": "single source",
  "kindShort.LOW_LOCAL_SHARE": "low local share",
  "kindShort.HEALTHY": "healthy",
  "kindShort.NOT_DEMANDED": "not demanded",
};
