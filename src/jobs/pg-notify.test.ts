import pg from 'pg';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, dropPostgresDatabase } from '../../test/support/databases.js';
import { PgSignals } from './pg-notify.js';

/** Two processes of one node, each with its own pool and LISTEN connection. */
describe('signals between processes on PostgreSQL', () => {
  let url: string;
  const opened: Array<{ pool: pg.Pool; signals: PgSignals }> = [];
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  const nodeProcess = () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const signals = new PgSignals(pool, url, logger);
    opened.push({ pool, signals });
    return signals;
  };
  const received = (signals: PgSignals, channel: string) => {
    const payloads: string[] = [];
    return { payloads, ready: signals.listen(channel, (p) => payloads.push(p)) };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  };

  beforeEach(async () => {
    url = await createPostgresDatabase();
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const { pool, signals } of opened.splice(0)) {
      await signals.close();
      await pool.end();
    }
    await dropPostgresDatabase(url);
  });

  it('carries an event larger than NOTIFY allows to the other process whole and in order', async () => {
    const sender = nodeProcess();
    const listener = received(nodeProcess(), 'accord_events');
    await listener.ready;
    const big = JSON.stringify({ type: 'federation.receipt', data: { results: Array.from({ length: 2000 }, (_, i) => ({ id: `indicator--${i}`, status: 'new', note: '已接收 получено' })) } });
    expect(Buffer.byteLength(big)).toBeGreaterThan(100_000);
    await sender.notify('accord_events', '{"n":1}');
    await sender.notify('accord_events', big);
    await sender.notify('accord_events', '{"n":3}');
    await until(() => listener.payloads.length === 3);
    expect(listener.payloads).toEqual(['{"n":1}', big, '{"n":3}']);
    expect(warnings).toEqual([]);
  });

  it('refuses a payload beyond the frame budget with a warning, and goes on with the next', async () => {
    const sender = nodeProcess();
    const listener = received(nodeProcess(), 'accord_events');
    await listener.ready;
    await sender.notify('accord_events', 'x'.repeat(3_000_000));
    await sender.notify('accord_events', 'CN');
    await until(() => listener.payloads.length === 1);
    expect(listener.payloads).toEqual(['CN']);
    expect(warnings.join('\n')).toMatch(/NOTIFY payload refused/);
  });
});
