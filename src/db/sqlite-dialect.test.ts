import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';

/**
 * Another connection on its own thread, as the node's write thread or a CLI command beside a
 * running node would be: says 'ready' once open, then on 'write' inserts a row (waiting out its
 * busy timeout if it must) and answers 'written' or the error's code.
 */
const otherConnection = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = ' + workerData.busyMs);
parentPort.on('message', () => {
  try { db.prepare('insert into note (author) values (?)').run('other'); parentPort.postMessage('written'); }
  catch (error) { parentPort.postMessage(error.code); }
});
parentPort.postMessage('ready');`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');
const dirs: string[] = [];
const opened: Database[] = [];
const workers: Worker[] = [];

function openStore(): { database: Database; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-dialect-'));
  dirs.push(dir);
  const file = join(dir, 'accord.db');
  const database = openDatabase({ sqlitePath: file });
  opened.push(database);
  database.sqlite?.exec('create table note (n integer primary key, author text not null)');
  return { database, file };
}

/** The other connection, once open: the tests' pauses then time only its write, not its start-up. */
async function startOther(file: string, busyMs: number): Promise<{ write(): Promise<string> }> {
  const worker = new Worker(otherConnection, { eval: true, workerData: { driver, file, busyMs } });
  workers.push(worker);
  await once(worker, 'message');
  return { write: () => new Promise((resolve) => { worker.once('message', resolve); worker.postMessage('write'); }) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.terminate();
  for (const database of opened.splice(0)) await database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite transactions beside another writer', () => {
  it('a transaction that reads and then writes keeps its turn while another connection writes', async () => {
    const { database, file } = openStore();
    const other = await startOther(file, 5_000);
    let otherResult: Promise<string> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await sql`select count(*) from note`.execute(trx);
      otherResult = other.write();
      await pause(100);
      // Begun deferred, this insert failed at once with SQLITE_BUSY_SNAPSHOT: the other connection
      // had committed after this transaction's read.
      await sql`insert into note (author) values ('accord')`.execute(trx);
    });
    expect(await otherResult).toBe('written');
    const rows = database.sqlite?.prepare('select author from note order by n').all();
    expect(rows).toEqual([{ author: 'accord' }, { author: 'other' }]);
  });

  it('a read-only transaction does not hold another connection\'s write back', async () => {
    const { database, file } = openStore();
    const other = await startOther(file, 300);
    const seen = await database.db.transaction().setAccessMode('read only').execute(async (trx) => {
      const before = await sql<{ n: number }>`select count(*) as n from note`.execute(trx);
      expect(await other.write()).toBe('written');
      const after = await sql<{ n: number }>`select count(*) as n from note`.execute(trx);
      return [before.rows[0]?.n, after.rows[0]?.n];
    });
    // One snapshot throughout: the row written meanwhile is not seen inside the transaction.
    expect(seen).toEqual([0, 0]);
    expect(database.sqlite?.prepare('select count(*) as n from note').get()).toEqual({ n: 1 });
  });
});
