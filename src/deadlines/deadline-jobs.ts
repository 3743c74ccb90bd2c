import type { CheckResult, DeadlinesService } from './deadlines.service.js';
import type { ExchangeDispatcher } from '../exchange/exchange-dispatcher.js';

/** How often the worker checks deadlines: a 4-hour acknowledgement is reminded within half a minute of its moment. */
export const DEADLINE_CHECK_EVERY_MS = 30_000;

/** One pass of the deadline watch at `nowUs` (default: the node's clock). */
export function runDeadlineCheck(services: { deadlines: DeadlinesService }, nowUs?: number): Promise<CheckResult> {
  return services.deadlines.check(nowUs);
}

/** Registers the periodic work of warnings and requests with the worker's scheduler (leases keep each in one process). */
export function registerWorkflowJobs(scheduler: { every(name: string, everyMs: number, run: () => Promise<void>): void }, services: { deadlines: DeadlinesService; exchange: ExchangeDispatcher }): void {
  scheduler.every('deadlines.check', DEADLINE_CHECK_EVERY_MS, async () => {
    await runDeadlineCheck(services);
  });
  scheduler.every('exchange.catch-up', 300_000, async () => {
    await services.exchange.catchUp();
  });
}
