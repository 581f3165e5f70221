import { badInput } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import { holds } from "../graph/import/years.js";
import { yearValue } from "../graph/vocabulary/yearly.js";
import { loadChainData } from "./chain-data.js";
import { chainFacts } from "./chain-facts.js";
import { MAP_LABELS_EN, MAP_LABELS_ZH } from "./labels.js";
import { listEn, listZh, nameEn, nameZh, type Named, type Reasons } from "./reasons.js";
import { checkFirst, openScope, type NamedRef, type ScopeContext, type ScopeInput } from "./scope.js";
import { byCode, type WeakLinkKind } from "./scoring.js";
import { rankShortBoards } from "./short-boards.js";

/** A short board in the year that has it: its kind and score then. */
export interface ShortBoardState {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  kind: WeakLinkKind;
  score: number;
}

/** A chain product weak in both years, of another kind in the later one. */
export interface KindChange {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  from: WeakLinkKind;
  to: WeakLinkKind;
}

/** Enterprises in scope that began (or stopped) making one chain product. */
export interface ProducerChange {
  productCode: string;
  enterpriseCodes: string[];
}

/** A supply link of a chain product into the scope. */
export interface LinkChange {
  supplierCode: string;
  customerCode: string;
  productCode: string;
  volume: number | null;
}

/** What changed in a chain in a scope from one year to another (docs/analytics.md, "Changes"). */
export interface ChainChanges {
  chain: NamedRef;
  scope: ScopeContext["scope"];
  from: number;
  to: number;
  /** Weak in `to`, not in `from`: worst first (as `shortBoards` ranks them in `to`). */
  shortBoardsOpened: ShortBoardState[];
  /** Weak in `from`, not in `to`: as `shortBoards` ranked them in `from`. */
  shortBoardsClosed: ShortBoardState[];
  /** Weak in both years, of another kind: by product code. */
  kindChanges: KindChange[];
  /** The scope's firms in the chain (located in it and making a chain product) in `to` and not `from`, by code. */
  enterprisesEnteredCodes: string[];
  enterprisesEnteredCount: number;
  enterprisesLeftCodes: string[];
  enterprisesLeftCount: number;
  /** Per chain product, the scope's firms making it in `to` and not in `from` (products by code). */
  producersGained: ProducerChange[];
  producersLost: ProducerChange[];
  /** Supply links of chain products to the scope's firms, in `to` and not in `from` (and the reverse). */
  linksMade: LinkChange[];
  linksMadeCount: number;
  linksLost: LinkChange[];
  linksLostCount: number;
  reasons: Reasons;
}

export interface ChangesArgs {
  chain: string;
  scope: ScopeInput;
  from: number;
  to: number;
  /** The longest list to return, of any kind (default 100, at most 1000); counts and reasons are whole. */
  first?: number;
}

/** The scope's firms in the chain in one year, with the chain products each makes, and the links into the scope. */
const YEAR_STATE = `
CALL {
  MATCH (city:Region)<-[at:LOCATED_IN]-(e:Enterprise)
  WHERE $scopeCluster IS NULL AND city.code IN $scopeCities AND ${holds("at", "e")}
  RETURN e
  UNION
  MATCH (:Cluster {code: $scopeCluster})<-[mo:MEMBER_OF]-(e:Enterprise)
  WHERE ${holds("mo", "e")}
  RETURN e
}
WITH collect(e) AS members
CALL {
  WITH members
  UNWIND members AS e
  MATCH (e)-[m:PRODUCES]->(p:Product)-[ic:IN_CHAIN]->(:IndustryChain {code: $chain})
  WHERE ${holds("m", "p", "ic")}
  RETURN collect([e.code, p.code]) AS makes
}
CALL {
  WITH members
  UNWIND members AS c
  MATCH (s:Enterprise)-[l:SUPPLIES]->(c)
  WHERE ${holds("l", "s")}
    AND EXISTS { (p:Product {code: l.product})-[ic:IN_CHAIN]->(:IndustryChain {code: $chain}) WHERE ${holds("p", "ic")} }
  RETURN collect([s.code, c.code, l.product, ${yearValue("l", "volume")}]) AS links
}
RETURN makes, links
`;

interface YearState {
  makes: Array<[string, string]>;
  links: Array<[string, string, string, number | null]>;
}

/**
 * What changed in a chain in a scope between two years the graph holds: short boards opened and
 * closed, weak links of another kind, the scope's firms in the chain that entered or left, producers
 * gained and lost per product, and supply links into the scope made and lost.
 * Round trips: 2 to validate (the chain and scope must hold in both years), 2 for the chain's counts,
 * 2 for the firms and links of each year.
 */
export async function changes(executor: Executor, args: ChangesArgs): Promise<ChainChanges> {
  const first = checkFirst(args.first ?? 100, 1000);
  if (args.from >= args.to) throw badInput(`from (${args.from}) must be a year before to (${args.to})`, "from");
  const [before, after] = await Promise.all([
    openScope(executor, { chain: args.chain, scope: args.scope, year: args.from }),
    openScope(executor, { chain: args.chain, scope: args.scope, year: args.to }),
  ]);
  const read = (ctx: ScopeContext) =>
    Promise.all([
      loadChainData(executor, ctx),
      executor.read<YearState>("analytics.changes.year", YEAR_STATE, { chain: ctx.chain.code, ...ctx.params }),
    ]);
  const [[dataFrom, [stateFrom]], [dataTo, [stateTo]]] = await Promise.all([read(before), read(after)]);
  return compareYears({
    chain: after.chain,
    scope: after.scope,
    from: args.from,
    to: args.to,
    boardsFrom: rankShortBoards(chainFacts(dataFrom), before.scope, Number.MAX_SAFE_INTEGER),
    boardsTo: rankShortBoards(chainFacts(dataTo), after.scope, Number.MAX_SAFE_INTEGER),
    stateFrom: stateFrom ?? { makes: [], links: [] },
    stateTo: stateTo ?? { makes: [], links: [] },
    first,
  });
}

interface Board {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  kinds: WeakLinkKind[];
  score: number;
}

export interface YearsCompared {
  chain: NamedRef;
  scope: ScopeContext["scope"];
  from: number;
  to: number;
  /** Each year's short boards, ranked. */
  boardsFrom: readonly Board[];
  boardsTo: readonly Board[];
  stateFrom: YearState;
  stateTo: YearState;
  first: number;
}

/** The pure half of `changes`. */
export function compareYears(y: YearsCompared): ChainChanges {
  const state = (b: Board): ShortBoardState => ({
    productCode: b.productCode,
    name: b.name,
    nameZh: b.nameZh,
    kind: b.kinds[0]!,
    score: b.score,
  });
  const fromBoards = new Map(y.boardsFrom.map((b) => [b.productCode, b]));
  const toBoards = new Map(y.boardsTo.map((b) => [b.productCode, b]));
  const opened = y.boardsTo.filter((b) => !fromBoards.has(b.productCode)).map(state);
  const closed = y.boardsFrom.filter((b) => !toBoards.has(b.productCode)).map(state);
  const kindChanges = y.boardsTo
    .filter((b) => fromBoards.has(b.productCode) && fromBoards.get(b.productCode)!.kinds[0] !== b.kinds[0])
    .map((b) => ({
      productCode: b.productCode,
      name: b.name,
      nameZh: b.nameZh,
      from: fromBoards.get(b.productCode)!.kinds[0]!,
      to: b.kinds[0]!,
    }))
    .sort((a, b) => byCode(a.productCode, b.productCode));

  const firms = (s: YearState) => new Set(s.makes.map(([e]) => e));
  const [firmsFrom, firmsTo] = [firms(y.stateFrom), firms(y.stateTo)];
  const entered = [...firmsTo].filter((e) => !firmsFrom.has(e)).sort(byCode);
  const left = [...firmsFrom].filter((e) => !firmsTo.has(e)).sort(byCode);

  const makers = (s: YearState) => {
    const out = new Map<string, Set<string>>();
    for (const [e, p] of s.makes) {
      const set = out.get(p);
      if (set) set.add(e);
      else out.set(p, new Set([e]));
    }
    return out;
  };
  const [makersFrom, makersTo] = [makers(y.stateFrom), makers(y.stateTo)];
  const gained = (a: Map<string, Set<string>>, b: Map<string, Set<string>>): ProducerChange[] =>
    [...a]
      .map(([productCode, set]) => ({
        productCode,
        enterpriseCodes: [...set].filter((e) => !b.get(productCode)?.has(e)).sort(byCode),
      }))
      .filter((c) => c.enterpriseCodes.length > 0)
      .sort((p, q) => byCode(p.productCode, q.productCode));

  const key = (l: YearState["links"][number]) => `${l[0]}\u0000${l[1]}\u0000${l[2]}`;
  const linkSet = (s: YearState) => new Map(s.links.map((l) => [key(l), l]));
  const [linksFrom, linksTo] = [linkSet(y.stateFrom), linkSet(y.stateTo)];
  const diff = (a: Map<string, YearState["links"][number]>, b: Map<string, unknown>): LinkChange[] =>
    [...a]
      .filter(([k]) => !b.has(k))
      .map(([, [supplierCode, customerCode, productCode, volume]]) => ({
        supplierCode,
        customerCode,
        productCode,
        volume: volume === null ? null : Number(volume),
      }))
      .sort(
        (p, q) =>
          byCode(p.customerCode, q.customerCode) ||
          byCode(p.productCode, q.productCode) ||
          byCode(p.supplierCode, q.supplierCode),
      );
  const made = diff(linksTo, linksFrom);
  const lost = diff(linksFrom, linksTo);

  const whole: Omit<ChainChanges, "reasons"> = {
    chain: y.chain,
    scope: y.scope,
    from: y.from,
    to: y.to,
    shortBoardsOpened: opened,
    shortBoardsClosed: closed,
    kindChanges,
    enterprisesEnteredCodes: entered,
    enterprisesEnteredCount: entered.length,
    enterprisesLeftCodes: left,
    enterprisesLeftCount: left.length,
    producersGained: gained(makersTo, makersFrom),
    producersLost: gained(makersFrom, makersTo),
    linksMade: made,
    linksMadeCount: made.length,
    linksLost: lost,
    linksLostCount: lost.length,
  };
  // The reasons count everything; every list returned holds at most \`first\` items.
  const reasons = changeReasons(whole);
  const cut = <T>(xs: T[]) => xs.slice(0, y.first);
  const cutProducers = (xs: ProducerChange[]) => cut(xs).map((c) => ({ ...c, enterpriseCodes: cut(c.enterpriseCodes) }));
  const result: Omit<ChainChanges, "reasons"> = {
    ...whole,
    shortBoardsOpened: cut(opened),
    shortBoardsClosed: cut(closed),
    kindChanges: cut(kindChanges),
    enterprisesEnteredCodes: cut(entered),
    enterprisesLeftCodes: cut(left),
    producersGained: cutProducers(whole.producersGained),
    producersLost: cutProducers(whole.producersLost),
    linksMade: cut(made),
    linksLost: cut(lost),
  };
  return { ...result, reasons };
}

/** A weak-link kind in a sentence: the short names the app and the report show. */
const kindEn = (k: WeakLinkKind) => MAP_LABELS_EN[`kindShort.${k}`];
const kindZh = (k: WeakLinkKind) => MAP_LABELS_ZH[`kindShort.${k}`];

function named(p: { productCode: string; name: string | null; nameZh: string | null }): Named {
  return { code: p.productCode, name: p.name, nameZh: p.nameZh };
}

/** The changes in short sentences, in English and Chinese. */
export function changeReasons(c: Omit<ChainChanges, "reasons">): Reasons {
  const [s, sz] = [nameEn(c.scope), nameZh(c.scope)];
  const period = `From ${c.from} to ${c.to}`;
  const periodZh = `${c.from}年至${c.to}年`;
  const en: string[] = [];
  const zh: string[] = [];
  const opened = c.shortBoardsOpened.map(named);
  const closed = c.shortBoardsClosed.map(named);
  if (opened.length === 0 && closed.length === 0) {
    en.push(`${period}, no short board of the chain opened or closed in ${s}.`);
    zh.push(`${periodZh}，${sz}该产业链没有新增或消除的短板。`);
  } else {
    en.push(
      `${period}, ${opened.length} short board${opened.length === 1 ? "" : "s"} opened in ${s}${opened.length ? ` (${listEn(opened)})` : ""} and ${closed.length} closed${closed.length ? ` (${listEn(closed)})` : ""}.`,
    );
    zh.push(
      `${periodZh}，${sz}新增短板${opened.length}个${opened.length ? `（${listZh(opened)}）` : ""}，消除短板${closed.length}个${closed.length ? `（${listZh(closed)}）` : ""}。`,
    );
  }
  if (c.kindChanges.length > 0) {
    en.push(
      `${c.kindChanges.length} weak link${c.kindChanges.length === 1 ? "" : "s"} changed kind: ${c.kindChanges
        .slice(0, 5)
        .map((k) => `${nameEn(named(k))} from ${kindEn(k.from)} to ${kindEn(k.to)}`)
        .join("; ")}.`,
    );
    zh.push(
      `${c.kindChanges.length}个薄弱环节类型改变：${c.kindChanges
        .slice(0, 5)
        .map((k) => `${nameZh(named(k))}由“${kindZh(k.from)}”变为“${kindZh(k.to)}”`)
        .join("；")}。`,
    );
  }
  en.push(
    `${c.enterprisesEnteredCount} firm${c.enterprisesEnteredCount === 1 ? "" : "s"} of the chain entered ${s} and ${c.enterprisesLeftCount} left; ${c.linksMadeCount} supply link${c.linksMadeCount === 1 ? "" : "s"} into ${s} ${c.linksMadeCount === 1 ? "was" : "were"} made and ${c.linksLostCount} lost.`,
  );
  zh.push(
    `${sz}该产业链新进入企业${c.enterprisesEnteredCount}家、退出${c.enterprisesLeftCount}家；输入${sz}的供货关系新增${c.linksMadeCount}条、减少${c.linksLostCount}条。`,
  );
  return { en, zh };
}
