import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('the SQLite statement cache', () => {
  it('reuses a statement for the same SQL, prepares another while one is being iterated, and keeps to its size', () => {
    const sqlite = withStatementCache(new SQLite(':memory:'), 2);
    sqlite.exec('create table t (n integer)');
    const insert = sqlite.prepare('insert into t (n) values (?)');
    for (let n = 1; n <= 3; n++) insert.run(n);
    expect(sqlite.prepare('insert into t (n) values (?)')).toBe(insert);
    const select = sqlite.prepare('select n from t order by n');
    const seen: number[] = [];
    // A nested query with the same text while the first is mid-iteration: it must not be the busy statement.
    for (const row of select.iterate() as IterableIterator<{ n: number }>) {
      const again = sqlite.prepare('select n from t order by n');
      expect(again).not.toBe(select);
      seen.push(row.n, (again.all() as Array<{ n: number }>).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(sqlite.prepare('select n from t order by n')).toBe(select);
    // A third text pushes out the least recently used (the insert).
    sqlite.prepare('select count(*) from t');
    expect(sqlite.prepare('insert into t (n) values (?)')).not.toBe(insert);
    sqlite.close();
  });
});
