/**
 * The correlation index: one row per (value, object version), the value kept as a 53-bit key
 * (see observables/value-key.ts), never as text. No per-pair rows: a value shared by n objects
 * costs n rows, not n². Rows per value stop at the over-correlation limit.
 */
export interface CorrelationEntryTable {
  valueKey: number;
  seq: number;
}

/** Values that reached the over-correlation limit, with their text so admins can review them. */
export interface CorrelationCommonTable {
  valueKey: number;
  kind: string;
  value: string;
  sinceUs: number;
}

/** Values and patterns an admin ruled out of correlation (exact values, CIDR blocks, *.domains, /regex/). */
export interface CorrelationExclusionTable {
  id: string;
  kind: string | null;
  pattern: string;
  note: string | null;
  createdBy: string;
  createdUs: number;
}

export interface CorrelationTables {
  correlationEntry: CorrelationEntryTable;
  correlationCommon: CorrelationCommonTable;
  correlationExclusion: CorrelationExclusionTable;
}
