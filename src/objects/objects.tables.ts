import type { Generated } from 'kysely';

/** One version of a STIX object; the JSON is kept as text so reads can stream it unparsed. */
export interface StixObjectTable {
  seq: Generated<number>;
  id: string;
  type: string;
  specVersion: string;
  /** modified, else created, else 0: the TAXII version key, in microseconds. */
  versionUs: number;
  createdUs: number | null;
  modifiedUs: number | null;
  revoked: number;
  /** 1 on the newest stored version of the id. */
  isLatest: number;
  createdByRef: string | null;
  /** The Party whose node sent the object; null when this node's users created it. */
  originParty: string | null;
  tlp: string | null;
  /** JSON array of object_marking_refs, for the release policy without parsing the body. */
  markingRefs: string | null;
  hasGranular: number;
  /** SHA-256 (hex) of the RFC 8785 canonical form. */
  hash: string;
  body: string;
  storedUs: number;
}

export interface StixTextTable {
  rowid?: number;
  seq?: number;
  name: string | null;
  description: string | null;
}

export interface ObjectsTables {
  stixObject: StixObjectTable;
  stixText: StixTextTable;
}
