import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { PeerKeyTable, PeerTable } from './federation.tables.js';

export type PeerRow = Selectable<PeerTable>;
export type PeerKeyRow = Selectable<PeerKeyTable>;

export function findPeer(db: Executor, party: string): Promise<PeerRow | undefined> {
  return db.selectFrom('peer').selectAll().where('party', '=', party).executeTakeFirst();
}

export function listPeers(db: Executor): Promise<PeerRow[]> {
  return db.selectFrom('peer').selectAll().orderBy('party').execute();
}

export async function insertPeer(db: Executor, peer: Insertable<PeerTable>, keys: Insertable<PeerKeyTable>[]): Promise<void> {
  await db.insertInto('peer').values(peer).execute();
  if (keys.length) await db.insertInto('peerKey').values(keys).onConflict((oc) => oc.column('kid').doNothing()).execute();
}

export async function replacePeer(db: Executor, peer: Insertable<PeerTable>, keys: Insertable<PeerKeyTable>[]): Promise<void> {
  await db.deleteFrom('peerKey').where('party', '=', peer.party).execute();
  await db.deleteFrom('peer').where('party', '=', peer.party).execute();
  await insertPeer(db, peer, keys);
}

export async function updatePeer(db: Executor, party: string, changes: Partial<Omit<PeerRow, 'party'>>): Promise<void> {
  await db.updateTable('peer').set(changes).where('party', '=', party).execute();
}

/** A peer key by kid, with the state of the peer it belongs to (null if the peer is gone): one read per peer request. */
export function peerKey(db: Executor, kid: string): Promise<(PeerKeyRow & { peerStatus: PeerRow['status'] | null }) | undefined> {
  return db
    .selectFrom('peerKey')
    .leftJoin('peer', 'peer.party', 'peerKey.party')
    .selectAll('peerKey')
    .select('peer.status as peerStatus')
    .where('peerKey.kid', '=', kid)
    .executeTakeFirst();
}

export function peerKeys(db: Executor, party: string): Promise<PeerKeyRow[]> {
  return db.selectFrom('peerKey').selectAll().where('party', '=', party).orderBy('addedUs').execute();
}

export async function addPeerKey(db: Executor, key: Insertable<PeerKeyTable>): Promise<void> {
  await db.insertInto('peerKey').values(key).onConflict((oc) => oc.column('kid').doNothing()).execute();
}

export async function retirePeerKeys(db: Executor, party: string, purpose: string, authorityRef: string | null, exceptKid: string, atUs: number): Promise<void> {
  let query = db.updateTable('peerKey').set({ retiredUs: atUs }).where('party', '=', party).where('purpose', '=', purpose as 'node').where('kid', '!=', exceptKid).where('retiredUs', 'is', null);
  query = authorityRef === null ? query.where('authorityRef', 'is', null) : query.where('authorityRef', '=', authorityRef);
  await query.execute();
}

/** Records a nonce; false when it was already used (a replay). */
export async function useNonce(db: Executor, party: string, jti: string, expiresUs: number): Promise<boolean> {
  const result = await db.insertInto('peerNonce').values({ party, jti, expiresUs }).onConflict((oc) => oc.columns(['party', 'jti']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function purgeNonces(db: Executor, beforeUs: number): Promise<void> {
  await db.deleteFrom('peerNonce').where('expiresUs', '<', beforeUs).execute();
}
