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

/** The members an entry's hash covers, in RFC 8785 order (UTF-16 code units, as Array.prototype.sort). */
export const HASHED_FIELDS = ['atUs', 'bundleId', 'channelHead', 'channelIndex', 'contentHash', 'kind', 'objectId', 'party', 'seq', 'signature', 'versionUs'] as const;

/**
 * RFC 8785 text of an entry's fields. Every entry has the same members holding strings, numbers
 * or null, so they are written in their fixed order (a replicated bundle appends a thousand
 * entries, and the general canonicaliser was most of that); anything else, such as a row
 * with other members read from an evidence file, goes through the general one.
 */
function canonicalFields(fields: Record<string, unknown>): string {
  if (Object.keys(fields).length !== HASHED_FIELDS.length) return canonicalJson(fields);
  let text = '{';
  for (const name of HASHED_FIELDS) {
    const value = fields[name];
    const plain = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
    if (!plain || !Object.hasOwn(fields, name)) return canonicalJson(fields);
    text += `${text.length > 1 ? ',' : ''}"${name}":${JSON.stringify(value)}`;
  }
  return `${text}}`;
}

/** The hash of an entry, chaining it to the one before. */
export function entryHash(entry: HashedEntry): string {
  const { prevHash, ...rest } = entry;
  return sha256Hex(`${prevHash}\n${canonicalFields(rest)}`);
}
