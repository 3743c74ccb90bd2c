import type { Executor } from '../db/database.js';
import type { ApiTokenTable } from './auth.tables.js';

export type TokenRow = ApiTokenTable;

export async function insertToken(db: Executor, row: TokenRow): Promise<void> {
  await db.insertInto('apiToken').values(row).execute();
}

/** The token with this hash and its user, if both are usable at `nowUs`. */
export function findActiveToken(db: Executor, tokenHash: string, nowUs: number) {
  return db
    .selectFrom('apiToken')
    .innerJoin('nodeUser', 'nodeUser.id', 'apiToken.userId')
    .select([
      'apiToken.id as tokenId', 'apiToken.kind', 'apiToken.lastUsedUs', 'nodeUser.id as userId', 'nodeUser.name', 'nodeUser.role',
      'nodeUser.locale', 'nodeUser.authorityRef',
    ])
    .where('apiToken.tokenHash', '=', tokenHash)
    .where('apiToken.revokedUs', 'is', null)
    .where((eb) => eb.or([eb('apiToken.expiresUs', 'is', null), eb('apiToken.expiresUs', '>', nowUs)]))
    .where('nodeUser.disabled', '=', 0)
    .executeTakeFirst();
}

export async function touchToken(db: Executor, tokenId: string, nowUs: number): Promise<void> {
  await db.updateTable('apiToken').set({ lastUsedUs: nowUs }).where('id', '=', tokenId).execute();
}

export function listTokens(db: Executor, userId?: string) {
  let query = db
    .selectFrom('apiToken')
    .innerJoin('nodeUser', 'nodeUser.id', 'apiToken.userId')
    .select(['apiToken.id', 'apiToken.name', 'apiToken.prefix', 'apiToken.createdUs', 'apiToken.expiresUs', 'apiToken.lastUsedUs', 'apiToken.revokedUs', 'nodeUser.name as userName'])
    .where('apiToken.kind', '=', 'api');
  if (userId) query = query.where('apiToken.userId', '=', userId);
  return query.orderBy('apiToken.createdUs', 'desc').execute();
}

export async function revokeToken(db: Executor, tokenId: string, nowUs: number, userId?: string): Promise<number> {
  let query = db.updateTable('apiToken').set({ revokedUs: nowUs }).where('id', '=', tokenId).where('revokedUs', 'is', null);
  if (userId) query = query.where('userId', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeTokenByHash(db: Executor, tokenHash: string, nowUs: number): Promise<void> {
  await db.updateTable('apiToken').set({ revokedUs: nowUs }).where('tokenHash', '=', tokenHash).execute();
}

export async function readSignInFailures(db: Executor, key: string) {
  return db.selectFrom('signInAttempt').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function writeSignInFailures(db: Executor, key: string, windowStartUs: number, failures: number): Promise<void> {
  await db
    .insertInto('signInAttempt')
    .values({ key, windowStartUs, failures })
    .onConflict((oc) => oc.column('key').doUpdateSet({ windowStartUs, failures }))
    .execute();
}

export async function clearSignInFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('signInAttempt').where('key', '=', key).execute();
}
