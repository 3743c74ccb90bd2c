import pg from 'pg';
import type { Logger } from 'pino';

/**
 * Cross-process signals between processes serving one node on PostgreSQL (LISTEN/NOTIFY): a
 * wake-up for a peer's delivery, an event for live streams. Payloads stay under 8,000 bytes.
 */
export class PgSignals {
  private listener: pg.Client | undefined;
  private readonly handlers = new Map<string, (payload: string) => void>();

  constructor(private readonly pool: pg.Pool, private readonly connectionString: string, private readonly logger: Logger) {}

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    this.handlers.set(channel, handler);
    if (!this.listener) {
      this.listener = new pg.Client({ connectionString: this.connectionString });
      this.listener.on('notification', (message) => this.handlers.get(message.channel)?.(message.payload ?? ''));
      this.listener.on('error', (error) => this.logger.error({ err: error }, 'LISTEN connection failed'));
      await this.listener.connect();
    }
    await this.listener.query(`listen ${channel}`);
  }

  notify(channel: string, payload: string): void {
    this.pool.query('select pg_notify($1, $2)', [channel, payload]).catch((error: unknown) => this.logger.warn({ err: error }, 'NOTIFY failed'));
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
