import { Scheduler } from '../jobs/scheduler.js';
import { registerWorkflowJobs } from '../deadlines/deadline-jobs.js';
import { PgSignals } from '../jobs/pg-notify.js';
import { purgeNonces } from '../federation/peers.repository.js';
import { listPeers } from '../federation/peers.repository.js';
import type { NodeEvent } from '../events/event-bus.js';
import type { NodeServices } from './node-services.js';

export interface Worker {
  readonly scheduler: Scheduler;
  stop(): Promise<void>;
}

const OUTBOX_CHANNEL = 'accord_outbox';
const EVENTS_CHANNEL = 'accord_events';

/** Connects processes of one node on PostgreSQL: delivery wake-ups and live events reach every process. */
export async function connectProcesses(services: NodeServices): Promise<PgSignals | undefined> {
  const { database, config, federation, events, logger, processId } = services;
  if (!database.pool || !config.databaseUrl) return undefined;
  const signals = new PgSignals(database.pool, config.databaseUrl, logger);
  await signals.listen(OUTBOX_CHANNEL, (party) => void federation.service.pump(party));
  await signals.listen(EVENTS_CHANNEL, (payload) => {
    const { from, event } = JSON.parse(payload) as { from: string; event: NodeEvent };
    if (from !== processId) events.deliver(event);
  });
  federation.service.setNotifier((party) => void signals.notify(OUTBOX_CHANNEL, party));
  events.setRelay((event) => void signals.notify(EVENTS_CHANNEL, JSON.stringify({ from: processId, event })));
  return signals;
}

/** The worker role: deliveries, pull reconciliation, checkpoints and housekeeping, each in one process. */
export function startWorker(services: NodeServices): Worker {
  const { database, clock, logger, federation } = services;
  const scheduler = new Scheduler(database, clock, logger);
  federation.service.deliveryEnabled = true;
  const eachPeer = async (run: (party: string) => Promise<unknown>) => {
    for (const peer of (await listPeers(database.db)).filter((p) => p.status === 'active')) {
      try {
        await run(peer.party);
      } catch (error) {
        // An unreachable peer is an expected state (shown in peer list), not a stack trace.
        logger.warn({ peer: peer.party, reason: error instanceof Error ? error.message : String(error) }, 'peer task failed');
      }
    }
  };
  scheduler.every('federation.deliver', 1000, () => federation.service.tick());
  scheduler.every('federation.pull', 60_000, () => eachPeer((party) => federation.sync.pull(party)));
  scheduler.every('federation.checkpoint', 300_000, () => eachPeer((party) => federation.sync.exchangeCheckpoint(party)));
  scheduler.every('federation.keys', 60_000, async () => {
    for (const result of await federation.rotation.announceAll()) if (!result.ok) logger.warn({ peer: result.party, reason: result.reason?.text('en') }, 'key announcement not delivered');
  });
  scheduler.every('federation.nonces', 600_000, () => purgeNonces(database.db, clock.nowMicros() - 3_600_000_000));
  registerWorkflowJobs(scheduler, services);
  scheduler.start();
  return {
    scheduler,
    async stop() {
      await scheduler.stop();
      await federation.service.stop();
    },
  };
}
