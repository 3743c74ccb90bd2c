import { createRequire } from 'node:module';
import type pg from 'pg';

let driver: typeof pg | undefined;

/**
 * node-postgres, loaded when a process first opens PostgreSQL. Required at start, it cost every
 * command and every SQLite node ~80 ms (it loads Node's fetch to ask whether it runs on Cloudflare).
 */
export function pgDriver(): typeof pg {
  if (driver) return driver;
  const loaded = createRequire(import.meta.url)('pg') as typeof pg;
  // BIGINT columns hold microsecond timestamps and sequence numbers, all below 2^53.
  loaded.types.setTypeParser(loaded.types.builtins.INT8, (value) => Number(value));
  return (driver = loaded);
}
