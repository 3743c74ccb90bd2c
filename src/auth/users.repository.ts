import type { Executor } from '../db/database.js';
import type { UserTable } from './auth.tables.js';

export type UserRow = UserTable;

export function findUserByName(db: Executor, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('nodeUser').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('nodeUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, user: UserRow): Promise<void> {
  await db.insertInto('nodeUser').values(user).execute();
}

export async function updateUser(db: Executor, id: string, changes: Partial<Omit<UserRow, 'id' | 'createdUs'>>): Promise<number> {
  const result = await db.updateTable('nodeUser').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listUsers(db: Executor): Promise<UserRow[]> {
  return db.selectFrom('nodeUser').selectAll().orderBy('name').execute();
}
