/** Shapes of the answers to web/src/queries/*.graphql (hand-written; the schema is schema.graphql). */

export type Lang = "zh" | "en";
export type WeakLinkKind = "MISSING" | "SINGLE_SOURCE" | "LOW_LOCAL_SHARE";
/** A product's state on the map: its worst weak-link kind, or healthy, or not demanded in the scope. */
export type MapKind = WeakLinkKind | "HEALTHY" | "NOT_DEMANDED";
export type Stage = "UPSTREAM" | "MIDSTREAM" | "DOWNSTREAM";

export interface Named {
  code: string;
  name: string | null;
  nameZh: string | null;
}
export interface StagedProduct extends Named {
  stage: Stage;
}
export interface Firm extends Named {
  city?: Named;
}

export interface RegionRow extends Named {
  kind: "PROVINCE" | "CIRCLE" | "CITY";
  parent: { code: string } | null;
}
export interface ClusterRow extends Named {
  city: { code: string; parent: { code: string } | null };
}
export interface PickersData {
  /** The years the graph holds, ascending; [] for a graph without years. */
  years: number[];
  regions: { nodes: RegionRow[] };
  clusters: { nodes: ClusterRow[] };
  chains: { nodes: Named[] };
}

export interface ChainMapProduct {
  product: Named;
  stage: Stage;
  inputCodes: string[];
  localProducerCount: number;
  demanderCount: number;
  dependentCount: number;
  localSupplyShare: number | null;
  kinds: WeakLinkKind[];
}
export interface ChainMapData {
  chainMap: {
    productCount: number;
    chain: Named;
    scope: Named & { kind: string };
    products: ChainMapProduct[];
  };
}

export interface ShortBoard {
  product: StagedProduct;
  kinds: WeakLinkKind[];
  score: number;
  localProducerCount: number;
  demanderCount: number;
  localSupplyShare: number | null;
  dependentCount: number;
  reasons: string[];
  demanders: Named[];
}
export interface MissingSupplier {
  product: StagedProduct;
  demanderCount: number;
  dependentCount: number;
  reasons: string[];
  candidates: Array<{ score: number; enterprise: Firm }>;
}
export interface TargetFirm {
  score: number;
  capacity: number;
  existingLinksIntoScope: number;
  reasons: string[];
  enterprise: Firm;
  covers: Named[];
}
export interface Cooperation {
  kind: WeakLinkKind;
  score: number;
  demanderCount: number;
  supplierCount: number;
  existingLinks: number;
  reasons: string[];
  product: Named;
  demandCity: Named;
  supplierCity: Named;
}
export interface Extension {
  score: number;
  localInputShare: number;
  reasons: string[];
  product: StagedProduct;
  localInputs: Named[];
  missingInputs: Named[];
}

/** A product a city could enter next (发展潜力): productSpace.entryCandidates. */
export interface Growth {
  density: number;
  ubiquity: number;
  reasons: string[];
  product: StagedProduct;
  relatedPresent: Array<{ proximity: number; product: Named }>;
}

export interface ProductPanelData {
  product: (StagedProduct & { inputs: Named[]; usedBy: Named[] }) | null;
  enterprises: { totalCount: number; nodes: Firm[] };
}

export interface RegionHeatData {
  chainMap: {
    productCount: number;
    products: Array<{ product: Named; stage: Stage; kinds: WeakLinkKind[]; demanderCount: number }>;
    cities: Array<{ city: Named; producerCounts: Array<{ productCode: string; count: number }> }>;
  };
}

export interface RegionRcaData {
  productSpace: {
    cells: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{ region: { code: string }; product: { code: string }; rca: number; present: boolean }>;
    };
  };
}

interface Link {
  volume: number | null;
  product: Named;
}
export interface PortraitData {
  enterprise:
    | (Firm & {
        cluster: Named | null;
        products: Array<{ capacity: number | null; product: StagedProduct }>;
        suppliers: { totalCount: number; nodes: Array<Link & { supplier: Named }> };
        customers: { totalCount: number; nodes: Array<Link & { customer: Named }> };
      })
    | null;
  resilience: {
    affectedCount: number;
    lostProducts: Array<{ reasons: string[]; product: Named }>;
    affectedEnterprises: Named[];
  };
}

export interface ScopeFirmsData {
  enterprises: { totalCount: number; nodes: Named[] };
}

export type Role = "READER" | "EDITOR" | "ADMIN";
export interface ViewerData {
  viewer: { kind: "ANONYMOUS" | "JWT" | "KEY"; name: string; role: Role };
}

/** One record of a firm's history (Enterprise.history): before and after are JSON text. */
export interface AuditRecord {
  seq: number;
  at: string;
  operation: string;
  element: string;
  viewer: string;
  before: string | null;
  after: string | null;
}
export interface PortraitEditData {
  enterprise: {
    code: string;
    version: number;
    city: { code: string };
    cluster: { code: string } | null;
    products: Array<{ capacity: number | null; version: number; product: Named }>;
    history: AuditRecord[];
  } | null;
}
