import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { acquireLease, releaseLease } from './lease.js';

/** A periodic task of the worker role. */
export interface PeriodicTask {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<void>;
}

/**
 * Runs periodic tasks; each runs in one process only (a lease per task), and a task that is still
 * running is not started again. Time for leases follows the node's clock.
 */
export class Scheduler {
  readonly holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly tasks: PeriodicTask[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(private readonly database: Database, private readonly clock: Clock, private readonly logger: Logger) {}

  every(name: string, everyMs: number, run: () => Promise<void>): void {
    this.tasks.push({ name, everyMs, run });
  }

  start(): void {
    for (const task of this.tasks) {
      const tick = () => void this.runTask(task);
      this.timers.push(setInterval(tick, task.everyMs));
      setImmediate(tick);
    }
  }

  /** Runs a task now if this process can take its lease (tests and the CLI use this too). */
  async runTask(task: PeriodicTask): Promise<boolean> {
    if (this.stopped || this.running.has(task.name)) return false;
    this.running.add(task.name);
    try {
      const now = this.clock.nowMicros();
      const leaseMs = Math.max(task.everyMs * 3, 30_000);
      if (!(await acquireLease(this.database.db, `task:${task.name}`, this.holder, now, now + leaseMs * 1000))) return false;
      await task.run();
      return true;
    } catch (error) {
      this.logger.error({ err: error, task: task.name }, 'periodic task failed');
      return false;
    } finally {
      this.running.delete(task.name);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    while (this.running.size) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const task of this.tasks) await releaseLease(this.database.db, `task:${task.name}`, this.holder).catch(() => undefined);
  }
}
