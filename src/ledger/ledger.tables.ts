import type { Generated } from 'kysely';

/**
 * sent / received: an object version that crossed to or from a peer; receipt-sent /
 * receipt-received: a signed delivery receipt; checkpoint-sent / checkpoint-received: a signed
 * summary of the channel; local: a record this node keeps for itself (e.g. key rotation).
 */
export type LedgerKind = 'sent' | 'received' | 'receipt-sent' | 'receipt-received' | 'checkpoint-sent' | 'checkpoint-received' | 'local';

export interface LedgerEntryTable {
  seq: Generated<number>;
  atUs: number;
  kind: LedgerKind;
  party: string;
  objectId: string | null;
  versionUs: number | null;
  contentHash: string;
  bundleId: string | null;
  signature: string | null;
  /** Position of this entry in the channel with `party` in its direction (sent or received). */
  channelIndex: number | null;
  channelHead: string | null;
  prevHash: string;
  entryHash: string;
  /**
   * The stored version an object entry is about (stix_object.seq): the index lookups by object go
   * through, since seqs only grow. Not part of the entry's hash, its exports or its API.
   */
  objectSeq: number | null;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  entryHash: string;
}

export interface ChannelHeadTable {
  party: string;
  direction: 'sent' | 'received';
  count: number;
  head: string;
}

export interface CheckpointTable {
  seq: Generated<number>;
  party: string;
  direction: 'sent' | 'received';
  atUs: number;
  payload: string;
  signature: string;
  verdict: string | null;
}

export interface LedgerTables {
  ledgerEntry: LedgerEntryTable;
  ledgerHead: LedgerHeadTable;
  channelHead: ChannelHeadTable;
  checkpoint: CheckpointTable;
}
