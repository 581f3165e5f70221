/**
 * Static vocabulary for the synthetic chains: Shandong's "top ten" industries that have manufacturing
 * chains, and one template per chain (product names by stage, a word used in firm names, and the
 * cities where the chain is concentrated). Chains beyond the templates get generic names.
 */

export type Stage = "UPSTREAM" | "MIDSTREAM" | "DOWNSTREAM";
export const STAGES: readonly Stage[] = ["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"];

/** A name pair: English, Chinese. */
export type Names = readonly [en: string, zh: string];

export interface IndustryTemplate {
  key: string;
  names: Names;
}

export interface ChainTemplate {
  names: Names;
  industry: string;
  /** Word used in enterprise names, e.g. "New Energy Auto" / "新能源汽车". */
  firmWord: Names;
  /** City ids where the chain is concentrated. */
  hubs: readonly string[];
  upstream: readonly Names[];
  midstream: readonly Names[];
  downstream: readonly Names[];
}

export const INDUSTRIES: readonly IndustryTemplate[] = [
  { key: "IT", names: ["New-generation Information Technology", "新一代信息技术"] },
  { key: "EQUIPMENT", names: ["High-end Equipment", "高端装备"] },
  { key: "ENERGY", names: ["New Energy and New Materials", "新能源新材料"] },
  { key: "MARINE", names: ["Modern Marine Industry", "现代海洋"] },
  { key: "HEALTH", names: ["Medical and Health Care", "医养健康"] },
  { key: "CHEMICAL", names: ["High-end Chemicals", "高端化工"] },
  { key: "AGRICULTURE", names: ["Modern Efficient Agriculture", "现代高效农业"] },
];

export const CHAIN_TEMPLATES: readonly ChainTemplate[] = [
  {
    names: ["New Energy Vehicles", "新能源汽车"],
    industry: "EQUIPMENT",
    firmWord: ["New Energy Auto", "新能源汽车"],
    hubs: ["SD-JINAN", "SD-QINGDAO", "SD-YANTAI", "SD-LIAOCHENG", "SD-WEIFANG", "SD-LINYI"],
    upstream: [
      ["Lithium carbonate", "碳酸锂"],
      ["Cathode material", "正极材料"],
      ["Anode material", "负极材料"],
      ["Electrolyte", "电解液"],
      ["Battery separator", "隔膜"],
      ["Copper foil", "铜箔"],
      ["Rare-earth permanent magnet", "稀土永磁体"],
      ["Automotive glass", "汽车玻璃"],
    ],
    midstream: [
      ["Power battery cell", "动力电池电芯"],
      ["Battery pack", "电池包"],
      ["Drive motor", "驱动电机"],
      ["Motor controller", "电机控制器"],
      ["Battery management system", "电池管理系统"],
      ["Electric drive axle", "电驱动桥"],
      ["Thermal management system", "热管理系统"],
      ["On-board charger", "车载充电机"],
    ],
    downstream: [
      ["Passenger electric vehicle", "纯电动乘用车"],
      ["Electric bus", "电动客车"],
      ["Electric light truck", "电动轻卡"],
      ["Charging pile", "充电桩"],
      ["Battery recycling", "动力电池回收"],
    ],
  },
  {
    names: ["Integrated Circuits", "集成电路"],
    industry: "IT",
    firmWord: ["Microelectronics", "微电子"],
    hubs: ["SD-JINAN", "SD-QINGDAO", "SD-YANTAI", "SD-ZIBO", "SD-WEIFANG"],
    upstream: [
      ["Silicon wafer", "硅片"],
      ["Photoresist", "光刻胶"],
      ["Electronic specialty gas", "电子特气"],
      ["Sputtering target", "溅射靶材"],
      ["Wet electronic chemicals", "湿电子化学品"],
      ["CMP slurry", "抛光液"],
      ["Lead frame", "引线框架"],
    ],
    midstream: [
      ["Logic chip", "逻辑芯片"],
      ["Power semiconductor device", "功率半导体器件"],
      ["MEMS sensor", "MEMS传感器"],
      ["Memory chip", "存储芯片"],
      ["Analog chip", "模拟芯片"],
      ["Packaged and tested chip", "封装测试芯片"],
      ["Silicon carbide substrate", "碳化硅衬底"],
    ],
    downstream: [
      ["Automotive electronics module", "汽车电子模组"],
      ["Smart terminal", "智能终端"],
      ["Industrial control board", "工控主板"],
      ["Communication module", "通信模组"],
      ["Server", "服务器"],
    ],
  },
  {
    names: ["Refining and Petrochemicals", "炼化一体化"],
    industry: "CHEMICAL",
    firmWord: ["Petrochemical", "石化"],
    hubs: ["SD-DONGYING", "SD-ZIBO", "SD-BINZHOU", "SD-YANTAI", "SD-WEIFANG", "SD-RIZHAO", "SD-HEZE"],
    upstream: [
      ["Crude oil", "原油"],
      ["Naphtha", "石脑油"],
      ["Ethylene", "乙烯"],
      ["Propylene", "丙烯"],
      ["Benzene", "纯苯"],
      ["Paraxylene", "对二甲苯"],
      ["Methanol", "甲醇"],
      ["Crude salt", "原盐"],
    ],
    midstream: [
      ["Polyethylene", "聚乙烯"],
      ["Polypropylene", "聚丙烯"],
      ["Purified terephthalic acid", "精对苯二甲酸"],
      ["ABS resin", "ABS树脂"],
      ["Caustic soda", "烧碱"],
      ["Synthetic rubber", "合成橡胶"],
      ["MDI", "二苯基甲烷二异氰酸酯"],
      ["Epoxy resin", "环氧树脂"],
    ],
    downstream: [
      ["Modified engineering plastic", "改性工程塑料"],
      ["Radial tyre", "子午线轮胎"],
      ["Industrial coating", "工业涂料"],
      ["Polyester fibre", "涤纶纤维"],
      ["Specialty adhesive", "特种胶粘剂"],
    ],
  },
  {
    names: ["Hydrogen Energy", "氢能"],
    industry: "ENERGY",
    firmWord: ["Hydrogen Energy", "氢能"],
    hubs: ["SD-JINAN", "SD-ZIBO", "SD-WEIFANG", "SD-QINGDAO", "SD-LIAOCHENG"],
    upstream: [
      ["By-product hydrogen", "工业副产氢"],
      ["Electrolytic hydrogen", "电解水制氢"],
      ["Platinum catalyst", "铂催化剂"],
      ["Proton exchange membrane", "质子交换膜"],
      ["Carbon paper", "碳纸"],
      ["Bipolar plate", "双极板"],
      ["Carbon-fibre hydrogen tank", "碳纤维储氢瓶"],
    ],
    midstream: [
      ["Membrane electrode assembly", "膜电极"],
      ["Fuel cell stack", "燃料电池电堆"],
      ["Fuel cell system", "燃料电池系统"],
      ["Water electrolyser", "电解槽"],
      ["Hydrogen compressor", "氢气压缩机"],
      ["Hydrogen dispenser", "加氢机"],
    ],
    downstream: [
      ["Fuel cell bus", "燃料电池客车"],
      ["Fuel cell heavy truck", "燃料电池重卡"],
      ["Hydrogen refuelling station", "加氢站"],
      ["Distributed hydrogen power", "分布式氢能发电"],
    ],
  },
  {
    names: ["Marine Equipment", "海洋装备"],
    industry: "MARINE",
    firmWord: ["Marine Engineering", "海洋工程"],
    hubs: ["SD-QINGDAO", "SD-YANTAI", "SD-WEIHAI", "SD-RIZHAO", "SD-DONGYING"],
    upstream: [
      ["Marine steel plate", "船用钢板"],
      ["Marine coating", "船舶涂料"],
      ["Marine cable", "船用电缆"],
      ["Anchor chain", "锚链"],
      ["Titanium alloy", "钛合金"],
      ["Marine valve", "船用阀门"],
    ],
    midstream: [
      ["Marine diesel engine", "船用柴油机"],
      ["Ship propulsion system", "船舶推进系统"],
      ["Ship electrical system", "船舶电气系统"],
      ["Deck machinery", "甲板机械"],
      ["Offshore platform module", "海洋平台模块"],
      ["Marine navigation equipment", "船舶导航设备"],
    ],
    downstream: [
      ["Bulk carrier", "散货船"],
      ["Offshore drilling platform", "海上钻井平台"],
      ["Deep-sea aquaculture vessel", "深远海养殖工船"],
      ["LNG carrier", "液化天然气运输船"],
      ["Offshore wind installation vessel", "风电安装船"],
    ],
  },
  {
    names: ["Biomedicine", "生物医药"],
    industry: "HEALTH",
    firmWord: ["Biopharma", "生物医药"],
    hubs: ["SD-JINAN", "SD-QINGDAO", "SD-WEIHAI", "SD-HEZE", "SD-LIAOCHENG", "SD-ZIBO"],
    upstream: [
      ["Active pharmaceutical ingredient", "原料药"],
      ["Pharmaceutical excipient", "药用辅料"],
      ["Cell culture medium", "细胞培养基"],
      ["Medical polymer", "医用高分子材料"],
      ["Chinese medicinal herb", "中药材"],
      ["Pharmaceutical glass vial", "药用玻璃瓶"],
    ],
    midstream: [
      ["Chemical drug formulation", "化学药制剂"],
      ["Biological drug", "生物药"],
      ["Vaccine", "疫苗"],
      ["In-vitro diagnostic reagent", "体外诊断试剂"],
      ["Prepared Chinese medicine slices", "中药饮片"],
      ["Medical consumables", "医用耗材"],
    ],
    downstream: [
      ["Blood purification equipment", "血液净化设备"],
      ["Orthopaedic implant", "骨科植入物"],
      ["Medical imaging equipment", "医学影像设备"],
      ["Proprietary Chinese medicine", "中成药"],
    ],
  },
  {
    names: ["Industrial Robots and CNC Machines", "工业机器人与数控机床"],
    industry: "EQUIPMENT",
    firmWord: ["Intelligent Equipment", "智能装备"],
    hubs: ["SD-JINAN", "SD-QINGDAO", "SD-YANTAI", "SD-WEIFANG", "SD-TAIAN", "SD-JINING"],
    upstream: [
      ["Precision reducer", "精密减速器"],
      ["Machine tool casting", "机床铸件"],
      ["Precision bearing", "精密轴承"],
      ["Ball screw", "滚珠丝杠"],
      ["Industrial sensor", "工业传感器"],
      ["Linear guide", "直线导轨"],
    ],
    midstream: [
      ["Servo system", "伺服系统"],
      ["Robot controller", "机器人控制器"],
      ["CNC system", "数控系统"],
      ["Robot arm body", "机器人本体"],
      ["Machine tool spindle", "机床主轴"],
    ],
    downstream: [
      ["Welding robot", "焊接机器人"],
      ["Handling robot", "搬运机器人"],
      ["Five-axis CNC machine tool", "五轴数控机床"],
      ["Intelligent production line", "智能生产线"],
      ["Automated guided vehicle", "自动导引车"],
    ],
  },
  {
    names: ["Aluminium Processing", "铝加工"],
    industry: "ENERGY",
    firmWord: ["Aluminium", "铝业"],
    hubs: ["SD-BINZHOU", "SD-YANTAI", "SD-LINYI", "SD-LIAOCHENG", "SD-ZIBO"],
    upstream: [
      ["Bauxite", "铝土矿"],
      ["Alumina", "氧化铝"],
      ["Prebaked anode", "预焙阳极"],
      ["Primary aluminium ingot", "原铝锭"],
      ["Recycled aluminium", "再生铝"],
      ["Magnesium ingot", "镁锭"],
    ],
    midstream: [
      ["Aluminium plate and strip", "铝板带"],
      ["Aluminium extrusion", "铝型材"],
      ["Aluminium foil", "铝箔"],
      ["Aluminium alloy billet", "铝合金圆棒"],
      ["Aluminium powder", "铝粉"],
    ],
    downstream: [
      ["Automotive lightweight part", "汽车轻量化部件"],
      ["Battery tray", "电池托盘"],
      ["Aluminium formwork", "铝模板"],
      ["Packaging foil", "包装铝箔"],
      ["Door and window profile", "门窗型材"],
    ],
  },
  {
    names: ["Grain, Oil and Food Processing", "粮油食品加工"],
    industry: "AGRICULTURE",
    firmWord: ["Food", "食品"],
    hubs: ["SD-WEIFANG", "SD-LINYI", "SD-LIAOCHENG", "SD-DEZHOU", "SD-HEZE", "SD-YANTAI", "SD-JINING"],
    upstream: [
      ["Wheat", "小麦"],
      ["Corn", "玉米"],
      ["Peanut", "花生"],
      ["Fresh vegetables", "新鲜蔬菜"],
      ["Live hogs", "生猪"],
      ["Broiler chicken", "肉鸡"],
      ["Crop seed", "农作物种子"],
      ["Compound fertiliser", "复合肥"],
    ],
    midstream: [
      ["Wheat flour", "面粉"],
      ["Peanut oil", "花生油"],
      ["Compound feed", "配合饲料"],
      ["Chilled pork", "冷鲜猪肉"],
      ["Frozen chicken", "冷冻鸡肉"],
      ["Dehydrated vegetables", "脱水蔬菜"],
      ["Corn starch", "玉米淀粉"],
    ],
    downstream: [
      ["Packaged food", "包装食品"],
      ["Prepared dishes", "预制菜"],
      ["Meat products", "肉制品"],
      ["Frozen dumplings", "速冻水饺"],
      ["Export vegetables", "出口蔬菜"],
    ],
  },
  {
    names: ["Wind Power Equipment", "风电装备"],
    industry: "ENERGY",
    firmWord: ["Wind Power", "风电"],
    hubs: ["SD-DONGYING", "SD-YANTAI", "SD-WEIHAI", "SD-DEZHOU", "SD-QINGDAO"],
    upstream: [
      ["Wind-grade steel plate", "风电钢板"],
      ["Glass fibre", "玻璃纤维"],
      ["Blade resin", "叶片树脂"],
      ["Balsa core material", "轻木芯材"],
      ["Bearing steel", "轴承钢"],
      ["Copper winding wire", "铜绕组线"],
    ],
    midstream: [
      ["Wind turbine blade", "风电叶片"],
      ["Wind turbine tower", "风电塔筒"],
      ["Wind turbine gearbox", "风电齿轮箱"],
      ["Wind turbine generator", "风力发电机"],
      ["Main shaft bearing", "主轴轴承"],
      ["Wind power converter", "风电变流器"],
    ],
    downstream: [
      ["Onshore wind turbine", "陆上风电机组"],
      ["Offshore wind turbine", "海上风电机组"],
      ["Wind farm construction", "风电场建设"],
      ["Wind farm operation and maintenance", "风电场运维"],
    ],
  },
  {
    names: ["Photovoltaics", "光伏"],
    industry: "ENERGY",
    firmWord: ["Solar Energy", "光伏"],
    hubs: ["SD-JINAN", "SD-DEZHOU", "SD-ZAOZHUANG", "SD-LINYI", "SD-QINGDAO"],
    upstream: [
      ["Polysilicon", "多晶硅"],
      ["Monocrystalline silicon wafer", "单晶硅片"],
      ["Photovoltaic glass", "光伏玻璃"],
      ["Silver paste", "银浆"],
      ["EVA encapsulation film", "EVA胶膜"],
      ["Aluminium frame", "铝边框"],
    ],
    midstream: [
      ["Solar cell", "太阳能电池片"],
      ["Photovoltaic module", "光伏组件"],
      ["Inverter", "逆变器"],
      ["Mounting bracket", "光伏支架"],
      ["Junction box", "接线盒"],
    ],
    downstream: [
      ["Rooftop distributed PV", "屋顶分布式光伏"],
      ["Utility-scale PV plant", "集中式光伏电站"],
      ["PV and storage system", "光储一体化系统"],
      ["Agrivoltaic project", "农光互补项目"],
    ],
  },
  {
    names: ["Smart Home Appliances", "智能家电"],
    industry: "IT",
    firmWord: ["Electric Appliance", "电器"],
    hubs: ["SD-QINGDAO", "SD-JINAN", "SD-YANTAI", "SD-LINYI"],
    upstream: [
      ["Cold-rolled steel sheet", "冷轧钢板"],
      ["Plastic pellets", "塑料粒子"],
      ["Display panel", "显示面板"],
      ["Printed circuit board", "印制电路板"],
      ["Refrigerant", "制冷剂"],
      ["Copper tube", "铜管"],
    ],
    midstream: [
      ["Compressor", "压缩机"],
      ["Appliance motor", "家电电机"],
      ["Control board", "控制板"],
      ["Heat exchanger", "换热器"],
      ["Display module", "显示模组"],
    ],
    downstream: [
      ["Refrigerator", "冰箱"],
      ["Washing machine", "洗衣机"],
      ["Air conditioner", "空调"],
      ["Smart television", "智能电视"],
      ["Kitchen appliance", "厨房电器"],
    ],
  },
];

/** A template for chain number `n` (1-based) beyond the named ones. */
export function genericTemplate(n: number): ChainTemplate {
  const stageNames = (en: string, zh: string, count: number): Names[] =>
    Array.from({ length: count }, (_, i) => [`Chain ${n} ${en} ${i + 1}`, `产业链${n}${zh}${i + 1}`] as const);
  return {
    names: [`Synthetic Chain ${n}`, `合成产业链${n}`],
    industry: INDUSTRIES[n % INDUSTRIES.length]!.key,
    firmWord: ["Industrial", "实业"],
    hubs: [],
    upstream: stageNames("material", "原材料", 6),
    midstream: stageNames("component", "零部件", 6),
    downstream: stageNames("product", "终端产品", 4),
  };
}

export function chainTemplate(n: number): ChainTemplate {
  return CHAIN_TEMPLATES[n - 1] ?? genericTemplate(n);
}

/**
 * The catch-all chain of a real-scale catalogue (`--products`): like ChainKnowledgeGraph's
 * unclassified bulk, it holds most products. It belongs to an industry of its own, which is not in
 * INDUSTRIES so that the default catalogue's generic chains keep their industries.
 */
export const GENERAL_INDUSTRY: IndustryTemplate = { key: "GENERAL", names: ["General Manufacturing", "综合制造"] };

export const CATCH_ALL_TEMPLATE: ChainTemplate = {
  names: ["General Industrial Products", "通用工业产品"],
  industry: GENERAL_INDUSTRY.key,
  firmWord: ["Industrial", "实业"],
  hubs: [],
  // Every named chain's vocabulary, by stage.
  upstream: CHAIN_TEMPLATES.flatMap((t) => t.upstream),
  midstream: CHAIN_TEMPLATES.flatMap((t) => t.midstream),
  downstream: CHAIN_TEMPLATES.flatMap((t) => t.downstream),
};

/** Qualifiers that multiply a chain's few product names into the thousands a large catalogue needs. */
export const PRODUCT_QUALIFIERS: readonly Names[] = [
  ["High-purity", "高纯"],
  ["Modified", "改性"],
  ["Composite", "复合"],
  ["Precision", "精密"],
  ["Special", "特种"],
  ["Miniature", "微型"],
  ["Heavy-duty", "重型"],
  ["Low-temperature", "低温"],
  ["High-temperature", "耐高温"],
  ["Nano", "纳米"],
  ["Smart", "智能"],
  ["Lightweight", "轻量化"],
  ["Corrosion-resistant", "耐腐蚀"],
  ["Flame-retardant", "阻燃"],
  ["Energy-saving", "节能"],
  ["Recycled", "再生"],
  ["Food-grade", "食品级"],
  ["Electronic-grade", "电子级"],
  ["Medical-grade", "医用级"],
  ["Automotive-grade", "车规级"],
  ["Marine-grade", "船用级"],
  ["Ultra-thin", "超薄"],
  ["High-strength", "高强度"],
  ["Modular", "模块化"],
];
