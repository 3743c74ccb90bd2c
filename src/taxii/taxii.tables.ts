export type CollectionKind = 'intel' | 'outbox' | 'inbox';

export interface CollectionTable {
  id: string;
  alias: string;
  kind: CollectionKind;
  party: string | null;
  title: string;
  description: string | null;
  createdUs: number;
  /** The last date_added handed out, so the next is strictly later even if the clock steps back. */
  lastAddedUs: number;
}

export interface CollectionObjectTable {
  collectionId: string;
  dateAddedUs: number;
  seq: number;
  objectId: string;
  type: string;
  versionUs: number;
  specVersion: string;
  isLatest: number;
}

export interface TaxiiStatusTable {
  id: string;
  collectionId: string;
  owner: string;
  status: 'pending' | 'complete';
  requestUs: number;
  totalCount: number;
  successCount: number;
  failureCount: number;
  pendingCount: number;
  successes: string;
  failures: string;
  pendings: string;
}

export interface TaxiiTables {
  collection: CollectionTable;
  collectionObject: CollectionObjectTable;
  taxiiStatus: TaxiiStatusTable;
}
