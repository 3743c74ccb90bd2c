import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import type { LedgerKind } from './ledger.tables.js';

/** The hash before the first entry: a chain anchored to the node's party. */
export function genesisHash(party: string): string {
  return sha256Hex(`accord-ledger:${party}`);
}

/** The start of the channel from one Party to another; both ends compute the same value. */
export function channelGenesis(from: string, to: string): string {
  return sha256Hex(`accord-channel:${from}>${to}`);
}

/** The channel head after one more object version crossed it. */
export function nextChannelHead(previous: string, objectId: string, versionUs: number, contentHash: string): string {
  return sha256Hex(`${previous}\n${objectId}\n${versionUs}\n${contentHash}`);
}

/** The fields of an entry that its hash covers (all but the hash itself). */
export interface HashedEntry {
  readonly seq: number;
  readonly atUs: number;
  readonly kind: LedgerKind;
  readonly party: string;
  readonly objectId: string | null;
  readonly versionUs: number | null;
  readonly contentHash: string;
  readonly bundleId: string | null;
  readonly signature: string | null;
  readonly channelIndex: number | null;
  readonly channelHead: string | null;
  readonly prevHash: string;
}

/** The hash of an entry, chaining it to the one before. */
export function entryHash(entry: HashedEntry): string {
  const { prevHash, ...rest } = entry;
  return sha256Hex(`${prevHash}\n${canonicalJson(rest)}`);
}
