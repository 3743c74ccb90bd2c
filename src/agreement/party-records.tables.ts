/** The governance domains whose records are kept in sync between the Parties' nodes. */
export type PartyRecordKind = 'lifecycle' | 'authority' | 'activity' | 'legislation' | 'consent-request' | 'consent-decision';

/**
 * The newest version of one governance record (lifecycle event, competent authority, joint
 * activity, national legislation) as this node knows it, whichever Party recorded it.
 */
export interface PartyRecordTable {
  /** The STIX id of the record. */
  id: string;
  kind: PartyRecordKind;
  /** The Party that recorded it: the only one that may make a new version. */
  authorParty: string;
  title: string;
  status: string;
  /** Lower-cased titles and summaries in every language, for text search. */
  searchText: string;
  /** The profile version (original agreement or protocol) in force when the record was made. */
  governingVersion: string;
  createdUs: number;
  versionUs: number;
  recordedUs: number;
  /** The user who recorded it on this node; null for records received from a peer. */
  recordedBy: string | null;
  /** The newest version, as the STIX JSON. */
  body: string;
}

/** A peer's record refused only for want of the record it follows, waiting for that one to arrive. */
export interface PartyRecordHeldTable {
  id: string;
  kind: PartyRecordKind;
  /** The Party whose node sent it. */
  fromParty: string;
  versionUs: number;
  heldUs: number;
  /** The held version, as the STIX JSON. */
  body: string;
}

export interface PartyRecordTables {
  partyRecord: PartyRecordTable;
  partyRecordHeld: PartyRecordHeldTable;
}
