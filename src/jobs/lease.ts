import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Takes or renews a named lease until `untilUs`; true when `holder` holds it afterwards. Several
 * processes serving one node on PostgreSQL use leases so each periodic task and each peer's
 * delivery runs in exactly one of them; a dead holder's lease simply runs out.
 */
export async function acquireLease(db: Executor, name: string, holder: string, nowUs: number, untilUs: number): Promise<boolean> {
  const result = await sql`insert into lease (name, holder, until_us) values (${name}, ${holder}, ${untilUs})
    on conflict (name) do update set holder = excluded.holder, until_us = excluded.until_us
    where lease.until_us < ${nowUs} or lease.holder = excluded.holder`.execute(db);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute();
}
