import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
const opened: Database[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-wal-'));
  dirs.push(dir);
  return join(dir, 'accord.db');
}

/** Writes about `megabytes` MB in one transaction, as an import batch would. */
function writeMegabytes(database: Database, megabytes: number): void {
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('SQLite expected');
  sqlite.exec('create table if not exists filler (n integer primary key, body text not null)');
  const insert = sqlite.prepare('insert into filler (body) values (?)');
  const row = 'x'.repeat(1000);
  sqlite.transaction(() => {
    for (let i = 0; i < megabytes * 1000; i++) insert.run(row);
  })();
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('background WAL checkpoints', () => {
  it('copies committed pages into the database file while the writer carries on, and stops on close', async () => {
    const path = tempFile();
    const database = openDatabase({ sqlitePath: path, backgroundCheckpoint: { onError: (message) => expect.fail(message) } });
    opened.push(database);
    // 8 MB stays below the writer's own threshold (10,000 pages): only the thread can have moved it.
    writeMegabytes(database, 8);
    expect(statSync(path).size).toBeLessThan(1_000_000);
    expect(await waitFor(() => statSync(path).size > 8_000_000, 5000)).toBe(true);
    // Writing goes on normally after a checkpoint, and what was written reads back.
    writeMegabytes(database, 1);
    expect(database.sqlite?.prepare('select count(*) as n from filler').get()).toEqual({ n: 9000 });
    await database.close();
    opened.pop();
  });

  it('leaves checkpoints to the writer when not asked for, so the file only grows at its threshold', async () => {
    const path = tempFile();
    const database = openDatabase({ sqlitePath: path });
    opened.push(database);
    writeMegabytes(database, 2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(statSync(path).size).toBeLessThan(1_000_000);
  });

  it('starts its thread only once the store has been open a second, so a short command never pays for one', async () => {
    const quick = new WalCheckpointer(tempFile());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quick.running).toBe(false);
    await quick.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(quick.running).toBe(false);

    const serving = new WalCheckpointer(tempFile());
    expect(await waitFor(() => serving.running, 5000)).toBe(true);
    await serving.stop();
    expect(serving.running).toBe(false);
  });

  it('reports a thread that cannot open its database, and stopping it still settles', async () => {
    const errors: string[] = [];
    const checkpointer = new WalCheckpointer(join(tmpdir(), 'accord-missing-dir', 'nope', 'accord.db'), (message) => errors.push(message));
    expect(await waitFor(() => errors.length > 0, 5000)).toBe(true);
    expect(errors[0]).toMatch(/directory|open/i);
    await checkpointer.stop();
  });
});
