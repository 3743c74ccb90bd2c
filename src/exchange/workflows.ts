import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import type { EventBus } from '../events/event-bus.js';
import type { IngestPipeline } from '../ingest/ingest.service.js';
import { InboxService } from '../notifications/inbox.service.js';
import { createMailer } from '../notifications/mailer.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Profile } from '../profile/profile.schema.js';
import type { ReleaseService } from '../protection/release.service.js';
import { createRequests } from '../requests/requests.module.js';
import type { RequestsService } from '../requests/requests.service.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import { createWarnings } from '../warnings/warnings.module.js';
import type { WarningsService } from '../warnings/warnings.service.js';
import { localAuthorityRef } from './exchange-authority.js';
import { ExchangeDispatcher } from './exchange-dispatcher.js';
import { ExchangeSender } from './exchange-sender.js';

/** The services of the workflows between Parties, as the node exposes them. */
export interface WorkflowServices {
  /** Routes peers' exchange objects and delivery receipts to the domains. */
  readonly exchange: ExchangeDispatcher;
  readonly deadlines: DeadlinesService;
  readonly notifications: NotificationsService;
  readonly warnings: WarningsService;
  readonly requests: RequestsService;
  readonly inbox: InboxService;
  /** Shares the domains' exchange objects with other Parties. */
  readonly sender: ExchangeSender;
}

export interface WorkflowInput {
  readonly config: Config;
  readonly profile: Profile;
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly ingest: IngestPipeline;
  readonly collections: CollectionsService;
  readonly release: ReleaseService;
}

/** Wires early warnings, requests for assistance, deadlines, notifications and the inbox, and connects them to ingest and events. */
export function createWorkflows(input: WorkflowInput): WorkflowServices {
  const { config, profile, database, clock, logger, events, ingest, collections, release } = input;
  const party = config.node.party;
  const locale = config.defaultLocale ?? profile.parties.find((p) => p.code === party)?.defaultLocale ?? 'en';
  const mailer = createMailer(config.smtpUrl, `accord@${new URL(config.node.url).hostname}`);
  const notifications = new NotificationsService({ database, clock, logger, mailer, locale, nodeName: party });
  const deadlines = new DeadlinesService({ database, clock, profile, party, events, notifications, logger });
  const exchange = new ExchangeDispatcher({ database, logger, now: () => clock.nowMicros() });
  let authority: string | undefined;
  const authorityRef = async () => (authority ??= await localAuthorityRef(database, config, profile));
  const sender = new ExchangeSender({ ingest, collections, release });
  const deps = { database, clock, profile, party, logger, events, release, deadlines, notifications, sender, authorityRef };
  const warnings = createWarnings(deps, exchange);
  const requests = createRequests(deps, exchange);
  const inbox = new InboxService({ database, clock, profile, party, release });
  ingest.addListener(exchange.ingestListener);
  events.subscribe(exchange.eventListener);
  return { exchange, deadlines, notifications, warnings, requests, inbox, sender };
}
