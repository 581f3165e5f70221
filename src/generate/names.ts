/**
 * Plausible enterprise and cluster names in English and Chinese, e.g.
 * "Yantai Hengrui Aluminium Technology Co., Ltd." / "烟台恒瑞铝业科技有限公司".
 */

import type { Rng } from "./random.js";
import type { City } from "./province.js";
import type { Names } from "./templates.js";

/** Characters common in Chinese firm names, with their pinyin. */
const SYLLABLES: ReadonlyArray<readonly [zh: string, pinyin: string]> = [
  ["华", "hua"],
  ["瑞", "rui"],
  ["泰", "tai"],
  ["鑫", "xin"],
  ["恒", "heng"],
  ["鲁", "lu"],
  ["海", "hai"],
  ["通", "tong"],
  ["达", "da"],
  ["盛", "sheng"],
  ["宏", "hong"],
  ["正", "zheng"],
  ["源", "yuan"],
  ["丰", "feng"],
  ["昌", "chang"],
  ["金", "jin"],
  ["力", "li"],
  ["光", "guang"],
  ["明", "ming"],
  ["东", "dong"],
  ["方", "fang"],
  ["信", "xin"],
  ["德", "de"],
  ["隆", "long"],
  ["安", "an"],
  ["康", "kang"],
  ["博", "bo"],
  ["创", "chuang"],
  ["永", "yong"],
  ["兴", "xing"],
  ["润", "run"],
  ["宇", "yu"],
  ["航", "hang"],
  ["中", "zhong"],
  ["天", "tian"],
  ["嘉", "jia"],
  ["诚", "cheng"],
  ["齐", "qi"],
  ["岱", "dai"],
  ["联", "lian"],
  ["科", "ke"],
  ["美", "mei"],
  ["新", "xin"],
  ["晨", "chen"],
  ["阳", "yang"],
  ["远", "yuan"],
  ["威", "wei"],
];

const SUFFIXES: readonly Names[] = [
  ["Technology Co., Ltd.", "科技有限公司"],
  ["Co., Ltd.", "有限公司"],
  ["Group Co., Ltd.", "集团有限公司"],
  ["Manufacturing Co., Ltd.", "制造有限公司"],
  ["Industrial Co., Ltd.", "实业有限公司"],
  ["Holdings Co., Ltd.", "股份有限公司"],
];
const SUFFIX_WEIGHTS = [5, 4, 1, 3, 2, 1];

const CLUSTER_KINDS: readonly Names[] = [
  ["Industrial Park", "产业园"],
  ["Industry Cluster", "产业集群"],
  ["High-tech Industrial Base", "高新技术产业基地"],
  ["Innovation Zone", "创新发展区"],
];

/** City name without the "市" suffix, as used inside firm names. */
function shortZh(city: City): string {
  return city.nameZh.endsWith("市") ? city.nameZh.slice(0, -1) : city.nameZh;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function enterpriseName(rng: Rng, city: City, firmWord: Names): Names {
  const a = rng.int(SYLLABLES.length);
  let b = rng.int(SYLLABLES.length - 1);
  if (b >= a) b++;
  const [zhA, pyA] = SYLLABLES[a]!;
  const [zhB, pyB] = SYLLABLES[b]!;
  const [suffix, suffixZh] = SUFFIXES[rng.weighted(SUFFIX_WEIGHTS)]!;
  return [
    `${city.name} ${capitalize(pyA + pyB)} ${firmWord[0]} ${suffix}`,
    `${shortZh(city)}${zhA}${zhB}${firmWord[1]}${suffixZh}`,
  ];
}

export function clusterName(city: City, chainNames: Names, kind: number): Names {
  const [en, zh] = CLUSTER_KINDS[kind % CLUSTER_KINDS.length]!;
  return [`${city.name} ${chainNames[0]} ${en}`, `${shortZh(city)}${chainNames[1]}${zh}`];
}
