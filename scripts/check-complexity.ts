/**
 * Checks the product space (src/analytics/product-space.ts) against published figures: the Harvard
 * Growth Lab's `ecomplexity` package publishes the Stata results of its measures on a sample of
 * export values, 10 European countries × 30 HS92 products (repository cid-harvard/py-ecomplexity,
 * tests/fixtures/trade_data_sample.csv and tests/fixtures/stata_ground_truth.csv, MIT licence).
 * The sample is read from where the workplace keeps it (../shared/data, see its README); the figures
 * below are copied from the ground truth's 1995 rows, as published (Stata prints them with 16
 * digits). Every one must agree within 1e-6.
 *
 *   npx tsx scripts/check-complexity.ts [path/to/trade-sample-1995-1996.csv]
 *
 * Exits non-zero, naming each figure that disagrees. Run by .ci/run beside the tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ProductSpace } from "../src/analytics/product-space.js";

const file = process.argv[2] ?? path.resolve(import.meta.dirname, "../../shared/data/trade-sample-1995-1996.csv");

/** ECI, COI and diversity of five countries, 1995. */
const COUNTRIES: Record<string, { eci: number; coi: number; diversity: number }> = {
  aut: { eci: 1.073207217992253, coi: -0.9940121728867501, diversity: 14 },
  blx: { eci: -0.3159764634559932, coi: 1.073851078082253, diversity: 16 },
  che: { eci: 1.06773721349865, coi: -1.489194423334662, diversity: 16 },
  deu: { eci: 1.200861157616729, coi: -1.382249032555092, diversity: 15 },
  dnk: { eci: -0.9777046345252988, coi: 1.155769407885882, diversity: 11 },
};

/** PCI and ubiquity of all 30 products, 1995. */
const PRODUCTS: Record<string, [pci: number, ubiquity: number]> = {
  "1704": [-1.470491886427003, 6],
  "1806": [0.9898334389413032, 3],
  "1905": [-1.28829614655021, 3],
  "2007": [0.3359789984244054, 6],
  "2105": [-3.323137535581785, 4],
  "3208": [1.211838680172189, 5],
  "3402": [0.7575610835667231, 4],
  "3917": [2.794806326517154, 4],
  "3922": [1.056227717927282, 5],
  "4008": [0.3013836399410316, 4],
  "4010": [0.9458555639215322, 6],
  "4905": [0.2528276298920076, 3],
  "5602": [0.7921553064524651, 5],
  "6804": [1.794091102846822, 5],
  "6810": [-3.047699996853477, 5],
  "7010": [0.5947683743763661, 5],
  "7307": [1.865519843983964, 5],
  "7308": [-1.177374641095858, 4],
  "7309": [-1.81300391183786, 5],
  "7310": [0.5613061109624367, 3],
  "7325": [-0.928657059139727, 6],
  "7604": [1.071585041866113, 4],
  "7608": [-0.590077081819932, 5],
  "7612": [1.180674892441301, 6],
  "7616": [0.7101505141850155, 5],
  "8309": [0.4400665963872156, 5],
  "8431": [2.140168306589086, 5],
  "8474": [-0.1620847904245116, 4],
  "8530": [2.794806326517154, 4],
  "9403": [-3.434600369331548, 4],
};

/** Cells, 1995: country, product, RCA, M, density, COG. */
const CELLS: Array<[string, string, number, 0 | 1, number, number]> = [
  ["aut", "1704", 0.5708342888507129, 0, 0.4624999999999999, -0.6248181469470029],
  ["aut", "1806", 0.7766585520584209, 0, 0.483619344773791, -0.2744855294705304],
  ["aut", "1905", 0.6326471399429817, 0, 0.37221269296741, -0.4292530266199984],
  ["aut", "2007", 1.109321038241486, 1, 0.4942528735632183, 0],
  ["aut", "2105", 0.7569573321577531, 0, 0.3444055944055944, -0.6022044277365377],
  ["aut", "3917", 1.335727626937514, 1, 0.6070959264126149, 0],
  ["aut", "6810", 0.6787195164506955, 0, 0.3787375415282392, -0.7877019728211894],
  ["aut", "9403", 0.7089217787489412, 0, 0.3894967177242888, -0.6309372503165401],
  ["blx", "3917", 0.7493018493465641, 0, 0.442838370565046, 0.5761814670034898],
  ["blx", "3922", 0.7426015460334666, 0, 0.4289340101522841, 0.3219283894062064],
  ["blx", "7307", 0.359141288279738, 0, 0.4100000000000001, 0.4910018418363046],
  ["blx", "9403", 0.5307494159841978, 0, 0.5382932166301969, 0.0302891897968284],
  ["che", "2105", 0.117600553232716, 0, 0.3968531468531468, -0.6066250172290574],
  ["che", "3922", 3.144188179903519, 1, 0.6421319796954312, 0],
  ["che", "4905", 2.24436645489644, 1, 0.6485061511423548, 0],
  ["che", "7309", 0.9299251270380238, 0, 0.4999999999999998, -0.7000051192418453],
  ["deu", "1704", 0.6946398488616798, 0, 0.4625, -0.7732798363316228],
  ["deu", "3208", 1.354285488233106, 1, 0.542141230068337, 0],
  ["deu", "7308", 0.9856942275360089, 0, 0.4796992481203007, -0.5890078201832541],
  ["deu", "8474", 1.301610997215465, 1, 0.56298600311042, 0],
  ["dnk", "1704", 1.782909953293546, 1, 0.4124999999999999, 0],
];

const TOLERANCE = 1e-6;

const rows = readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1);
const cells = rows
  .map((line) => line.split(","))
  .filter(([year]) => year === "1995")
  .map(([, location, product, value]) => ({ location: location!, product: product!, value: Number(value) }));
const space = new ProductSpace(cells);

const failures: string[] = [];
let checked = 0;
const near = (what: string, actual: number | null | undefined, expected: number) => {
  checked += 1;
  // RCA is compared relatively: the sample's values have cents, Stata's fixture rounded them to floats.
  const error = Math.abs((actual ?? Number.NaN) - expected) / Math.max(1, Math.abs(expected));
  if (!(error <= TOLERANCE)) failures.push(`${what}: ${String(actual)}, published ${expected}`);
};

for (const [country, want] of Object.entries(COUNTRIES)) {
  near(`ECI ${country}`, space.eci(country), want.eci);
  near(`COI ${country}`, space.coi(country), want.coi);
  near(`diversity ${country}`, space.diversity(country), want.diversity);
}
for (const [product, [pci, ubiquity]] of Object.entries(PRODUCTS)) {
  near(`PCI ${product}`, space.pci(product), pci);
  near(`ubiquity ${product}`, space.ubiquity(product), ubiquity);
}
for (const [country, product, rca, m, density, cog] of CELLS) {
  const cell = space.cell(country, product);
  near(`RCA ${country} ${product}`, cell?.rca, rca);
  near(`M ${country} ${product}`, cell ? Number(cell.present) : null, m);
  near(`density ${country} ${product}`, cell?.density, density);
  near(`COG ${country} ${product}`, cell?.cog, cog);
}

if (failures.length) {
  process.stderr.write(`product space vs ecomplexity's published figures: ${failures.length} of ${checked} disagree\n`);
  for (const f of failures) process.stderr.write(`  ${f}\n`);
  process.exit(1);
}
process.stdout.write(
  `product space vs ecomplexity's published figures (${path.basename(file)}, 1995): all ${checked} agree within ${TOLERANCE}\n`,
);
