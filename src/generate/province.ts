/**
 * The fixed geography: Shandong province, its three economic circles and 16 prefecture-level cities.
 *
 * Region ids and names match the hand-made seed (seeds/shandong/regions.csv: `SD`, `SD-C-…`,
 * `SD-<CITY>`), so a generated data set attaches to the same regions. `weight` is the city's relative share of generated enterprises: uneven on
 * purpose, with Qingdao, Jinan, Yantai and Weifang the largest industrial bases.
 */

export interface Region {
  id: string;
  name: string;
  nameZh: string;
}

export interface Circle extends Region {
  index: number;
}

export interface City extends Region {
  index: number;
  circle: number;
  weight: number;
}

export const PROVINCE: Region = { id: "SD", name: "Shandong Province", nameZh: "山东省" };

export const CIRCLES: readonly Circle[] = [
  { index: 0, id: "SD-C-JINAN", name: "Provincial Capital (Jinan) Economic Circle", nameZh: "省会经济圈" },
  { index: 1, id: "SD-C-JIAODONG", name: "Jiaodong Economic Circle", nameZh: "胶东经济圈" },
  { index: 2, id: "SD-C-LUNAN", name: "Southern Shandong Economic Circle", nameZh: "鲁南经济圈" },
];

const CITY_DATA: ReadonlyArray<[id: string, name: string, nameZh: string, circle: number, weight: number]> = [
  ["SD-JINAN", "Jinan", "济南市", 0, 13],
  ["SD-ZIBO", "Zibo", "淄博市", 0, 6],
  ["SD-TAIAN", "Tai'an", "泰安市", 0, 4],
  ["SD-LIAOCHENG", "Liaocheng", "聊城市", 0, 4],
  ["SD-DEZHOU", "Dezhou", "德州市", 0, 4],
  ["SD-BINZHOU", "Binzhou", "滨州市", 0, 4],
  ["SD-DONGYING", "Dongying", "东营市", 0, 4],
  ["SD-QINGDAO", "Qingdao", "青岛市", 1, 14],
  ["SD-YANTAI", "Yantai", "烟台市", 1, 10],
  ["SD-WEIFANG", "Weifang", "潍坊市", 1, 10],
  ["SD-WEIHAI", "Weihai", "威海市", 1, 4],
  ["SD-RIZHAO", "Rizhao", "日照市", 1, 3],
  ["SD-LINYI", "Linyi", "临沂市", 2, 7],
  ["SD-ZAOZHUANG", "Zaozhuang", "枣庄市", 2, 3],
  ["SD-JINING", "Jining", "济宁市", 2, 6],
  ["SD-HEZE", "Heze", "菏泽市", 2, 4],
];

export const CITIES: readonly City[] = CITY_DATA.map(([id, name, nameZh, circle, weight], index) => ({
  index,
  id,
  name,
  nameZh,
  circle,
  weight,
}));

/** City index by id, e.g. `cityIndex("SD-QINGDAO")`. Throws on an unknown id (a typo in a template). */
export function cityIndex(id: string): number {
  const city = CITIES.find((c) => c.id === id);
  if (!city) throw new Error(`unknown city ${id}`);
  return city.index;
}

/** For each city: the other cities of its circle, and the cities outside its circle. */
export const CIRCLE_PEERS: readonly (readonly number[])[] = CITIES.map((c) =>
  CITIES.filter((o) => o.circle === c.circle && o.index !== c.index).map((o) => o.index),
);
export const OUTSIDE_CIRCLE: readonly (readonly number[])[] = CITIES.map((c) =>
  CITIES.filter((o) => o.circle !== c.circle).map((o) => o.index),
);

/** Rows of regions.csv: province, circles, cities (parents first). */
export function regionRows(): Array<{ id: string; name: string; nameZh: string; kind: string; parentId: string }> {
  return [
    { ...PROVINCE, kind: "PROVINCE", parentId: "" },
    ...CIRCLES.map((c) => ({ id: c.id, name: c.name, nameZh: c.nameZh, kind: "CIRCLE", parentId: PROVINCE.id })),
    ...CITIES.map((c) => ({ id: c.id, name: c.name, nameZh: c.nameZh, kind: "CITY", parentId: CIRCLES[c.circle]!.id })),
  ];
}
