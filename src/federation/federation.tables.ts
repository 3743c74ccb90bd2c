import type { Generated } from 'kysely';

export type KeyPurpose = 'node' | 'authority';

export interface NodeKeyTable {
  kid: string;
  purpose: KeyPurpose;
  authorityRef: string | null;
  publicJwk: string;
  createdUs: number;
  retiredUs: number | null;
}

export type PeerStatus = 'active' | 'revoked';

export interface PeerTable {
  party: string;
  url: string;
  card: string;
  fingerprint: string;
  status: PeerStatus;
  addedUs: number;
  revokedUs: number | null;
  lastContactUs: number | null;
  lastError: string | null;
  failures: number;
  nextAttemptUs: number;
  /** date_added of the last entry pulled from the peer's outbox for us. */
  pullCursorUs: number;
}

export interface PeerKeyTable {
  kid: string;
  party: string;
  purpose: KeyPurpose;
  authorityRef: string | null;
  publicJwk: string;
  addedUs: number;
  retiredUs: number | null;
}

export interface PeerNonceTable {
  party: string;
  jti: string;
  expiresUs: number;
}

export type OutboxState = 'pending' | 'delivered' | 'withheld';

export interface OutboxItemTable {
  seq: Generated<number>;
  party: string;
  objectSeq: number;
  objectId: string;
  versionUs: number;
  state: OutboxState;
  enqueuedUs: number;
  bundleId: string | null;
  deliveredUs: number | null;
}

export interface BundleTable {
  id: string;
  direction: 'sent' | 'received';
  party: string;
  createdUs: number;
  objectCount: number;
  sha256: string;
  signature: string;
  receipt: string | null;
  receiptSignature: string | null;
  receiptUs: number | null;
}

export interface BundleObjectTable {
  bundleId: string;
  idx: number;
  objectId: string;
  versionUs: number;
  hash: string;
  refusedBody?: string | null;
  /** The stored version (stix_object.seq); null for a refused element, which has none. */
  objectSeq?: number | null;
}

export interface LeaseTable {
  name: string;
  holder: string;
  untilUs: number;
}

export interface FederationTables {
  nodeKey: NodeKeyTable;
  peer: PeerTable;
  peerKey: PeerKeyTable;
  peerNonce: PeerNonceTable;
  outboxItem: OutboxItemTable;
  bundle: BundleTable;
  bundleObject: BundleObjectTable;
  lease: LeaseTable;
}
