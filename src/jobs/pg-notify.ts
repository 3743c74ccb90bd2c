import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { pgDriver } from '../db/pg-driver.js';
import { FrameAssembler, framesOf } from './notify-frames.js';

/**
 * Cross-process signals between processes serving one node on PostgreSQL (LISTEN/NOTIFY): a
 * wake-up for a peer's delivery, an event for live streams. Payloads over NOTIFY's 8,000 bytes
 * travel in frames (see notify-frames.ts).
 */
export class PgSignals {
  private listener: pg.Client | undefined;
  private readonly handlers = new Map<string, (payload: string) => void>();
  private readonly assemblers = new Map<string, FrameAssembler>();

  constructor(private readonly pool: pg.Pool, private readonly connectionString: string, private readonly logger: Logger) {}

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    this.handlers.set(channel, handler);
    if (!this.listener) {
      this.listener = new (pgDriver().Client)({ connectionString: this.connectionString });
      this.listener.on('notification', (message) => this.receive(message.channel, message.payload ?? ''));
      this.listener.on('error', (error) => this.logger.error({ err: error }, 'LISTEN connection failed'));
      await this.listener.connect();
    }
    await this.listener.query(`listen ${channel}`);
  }

  /** Sends a payload to every listener of the channel; resolves once sent (failures are logged, not thrown). */
  notify(channel: string, payload: string): Promise<void> {
    let frames: string[];
    try {
      frames = framesOf(payload, randomUUID());
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'NOTIFY payload refused');
      return Promise.resolve();
    }
    // One statement, so the frames commit together and arrive in order.
    const calls = frames.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
    return this.pool.query(`select ${calls}`, [channel, ...frames]).then(
      () => undefined,
      (error: unknown) => this.logger.warn({ err: error, channel }, 'NOTIFY failed'),
    );
  }

  private receive(channel: string, payload: string): void {
    const handler = this.handlers.get(channel);
    if (!handler) return;
    let assembler = this.assemblers.get(channel);
    if (!assembler) this.assemblers.set(channel, (assembler = new FrameAssembler()));
    const whole = assembler.accept(payload);
    if (whole !== undefined) handler(whole);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
