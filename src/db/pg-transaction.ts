import type pg from 'pg';

/**
 * Runs work in a transaction on one client of the pool, for writers that need the client itself
 * (COPY) rather than Kysely's view of it. A client that cannot even roll back is destroyed, not
 * handed to the next caller.
 */
export async function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => (broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))));
    throw error;
  } finally {
    client.release(broken);
  }
}
