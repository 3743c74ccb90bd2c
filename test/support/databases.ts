import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** Both dialects: every repository and service test runs on each (Kysely's own practice). */
export const dialects: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase extends Database {
  /** The connection URL (PostgreSQL) or file path (SQLite) of this test's store. */
  readonly location: string;
  drop(): Promise<void>;
}

let counter = 0;

/** Creates an empty, migrated database of the given dialect, private to the caller. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
    const file = join(dir, 'accord.db');
    const database = openDatabase({ sqlitePath: file });
    await migrateToLatest(database);
    return {
      ...database,
      location: file,
      async drop() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createPostgresDatabase();
  const database = openDatabase({ databaseUrl: url, poolSize: 5 });
  await migrateToLatest(database);
  return {
    ...database,
    location: url,
    async drop() {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** A fresh, empty PostgreSQL database on the test server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const admin = inject('pgUrl');
  const name = `accord_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject('pgUrl') });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
