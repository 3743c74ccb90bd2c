import type { DialectName } from '../../src/db/database.js';
import { createPostgresDatabase, dropPostgresDatabase } from './databases.js';
import { NodeProcess } from './node-process.js';

/** A real node process on a fresh store of the dialect (its PostgreSQL database is dropped on close). */
export async function nodeOn(dialect: DialectName, party: string, options: { env?: Record<string, string>; profile?: string } = {}): Promise<NodeProcess> {
  if (dialect === 'sqlite') return NodeProcess.create({ party, ...options });
  const databaseUrl = await createPostgresDatabase();
  return NodeProcess.create({ party, ...options, databaseUrl, onClose: () => dropPostgresDatabase(databaseUrl) });
}
