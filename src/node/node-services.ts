import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { EventBus } from '../events/event-bus.js';
import { IngestPipeline, type AdmissionCheck } from '../ingest/ingest.service.js';
import type { ImportConverter } from '../ingest/import-source.js';
import { createPostgresObjectWriter } from '../objects/objects.writer.postgres.js';
import { createSqliteObjectWriter } from '../objects/objects.writer.sqlite.js';
import type { ObjectWriter } from '../objects/objects.writer.js';
import { describeObject } from '../objects/describe-object.js';
import { DeferredTextIndex } from '../objects/text-index.postgres.js';
import { ObjectsService } from '../objects/objects.service.js';
import { publishStored } from '../objects/object-events.js';
import { checkIndicatorPattern } from '../patterning/patterning.js';
import type { Profile } from '../profile/profile.schema.js';
import { ReleaseService } from '../protection/release.service.js';
import { ceilingAdmission, restrictionLevels } from '../protection/national-restriction.js';
import { createStixValidator } from '../stix/stix-validator.js';
import { CollectionsService } from '../taxii/collections.service.js';
import { TaxiiService } from '../taxii/taxii.service.js';
import { Metrics } from '../ops/metrics.js';
import { createWorkflows, type WorkflowServices } from '../exchange/workflows.js';
import { checkExchangeKinds } from '../exchange/exchange-rules.js';
import { KeyRing } from '../keys/key-ring.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PeersService } from '../federation/peers.service.js';
import { PeerClient } from '../federation/peer-client.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { ReceiveService } from '../federation/receive.service.js';
import { FederationService } from '../federation/federation.service.js';
import { SyncService } from '../federation/sync.service.js';
import { KeyRotationService } from '../federation/key-rotation.js';
import { randomUUID } from 'node:crypto';
import { mispConverter } from '../misp/misp-converter.js';
import { createAnalysisServices, type AnalysisServices } from '../correlation/analysis-services.js';
import { createGovernance, type GovernanceServices } from '../agreement/governance.module.js';
import { createConsultations } from '../consultations/consultations.module.js';
import type { ConsultationsService } from '../consultations/consultations.service.js';
import type { DisputesService } from '../disputes/disputes.service.js';
import { localAuthorityRef } from '../exchange/exchange-authority.js';

/** Everything a node runs on, wired once; routes, jobs and CLI commands take what they need from it. */
export interface NodeServices extends WorkflowServices {
  readonly config: Config;
  readonly profile: Profile;
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly metrics: Metrics;
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly release: ReleaseService;
  readonly collections: CollectionsService;
  readonly ingest: IngestPipeline;
  readonly objects: ObjectsService;
  readonly taxii: TaxiiService;
  /** Foreign formats imports recognise by content (MISP). */
  readonly converters: ImportConverter[];
  readonly keys: KeyRing;
  readonly ledger: LedgerService;
  readonly federation: {
    readonly peers: PeersService;
    readonly delivery: DeliveryService;
    readonly receive: ReceiveService;
    readonly sync: SyncService;
    readonly service: FederationService;
    readonly rotation: KeyRotationService;
  };
  /** Identifies this process among several serving one node (lease holder). */
  readonly processId: string;
  /** Warninglists, correlation and matching. */
  readonly analysis: AnalysisServices;
  /** The agreement's lifecycle, competent authorities, joint activities and legislation. */
  readonly governance: GovernanceServices;
  /** Consultations (Art. 5(4)) and disputes. */
  readonly consultations: ConsultationsService;
  readonly disputes: DisputesService;
}

/** The store's writer for the dialect; PostgreSQL's writes search text after each batch, logging any failure. */
export function objectWriter(database: Database, logger: Logger): ObjectWriter {
  if (database.sqlite) return createSqliteObjectWriter(database, { onUpkeepError: (err) => logger.warn({ err }, 'search index not merged; tried again when writes next stop') });
  if (!database.pool) throw new Error('a PostgreSQL database without a pool');
  const text = new DeferredTextIndex(database.pool, describeObject, (err) => logger.error({ err }, 'search text not written; kept in the backlog for the next start'));
  return createPostgresObjectWriter(database.pool, text);
}

/** Wires the node's services (composition root). */
export function createServices(input: { config: Config; profile: Profile; database: Database; clock: Clock; logger: Logger; admission?: AdmissionCheck[] }): NodeServices {
  const { config, profile, database, clock, logger } = input;
  const events = new EventBus();
  const metrics = new Metrics();
  const audit = new AuditService(database, clock);
  const auth = new AuthService(database, clock, audit, { signInAttempts: config.limits.signInAttempts, signInWindowSeconds: config.limits.signInWindowSeconds });
  const release = new ReleaseService(audit, new Set(restrictionLevels(profile).keys()), clock);
  const collections = new CollectionsService(database, clock);
  const validator = createStixValidator({ checkPattern: checkIndicatorPattern, extraRules: [checkExchangeKinds] });
  const ingest = new IngestPipeline({
    writer: objectWriter(database, logger),
    validate: (value) => validator.validateObject(value),
    describe: describeObject,
    admission: input.admission ?? [],
    listeners: [],
    clock,
  });
  ingest.addAdmissionCheck(ceilingAdmission(profile, config.accreditationCeiling ?? profile.markings.nodeAccreditation.defaultCeiling));
  ingest.addListener((outcomes) => metrics.countIngest(outcomes));
  ingest.addListener((outcomes, target) => publishStored(events, outcomes, target));
  const objects = new ObjectsService({ database, release, ingest, collections, audit, events, metrics });
  const taxii = new TaxiiService({
    database, collections, ingest, release, audit, clock,
    settings: {
      node: { party: config.node.party, profile: profile.id },
      contact: config.node.url,
      apiRoot: `${config.node.url}/taxii2/${profile.id}/`,
      maxContentLength: config.limits.taxiiBytes,
    },
  });
  const processId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const party = config.node.party;
  const keys = new KeyRing(database, config.dataDir, clock);
  const ledger = new LedgerService(database, clock, party);
  const client = new PeerClient(keys, party, clock);
  const peers = new PeersService({ database, keys, clock, config, profile, audit });
  const delivery = new DeliveryService({ database, keys, ledger, release, audit, events, clock, client, profile, party, logger });
  const receive = new ReceiveService({ database, keys, ledger, taxii, delivery, audit, events, clock, party });
  const service = new FederationService({ database, collections, release, delivery, clock, logger, holder: processId });
  const sync = new SyncService({ database, keys, ledger, delivery, federation: service, client, audit, clock, profile, party });
  const rotation = new KeyRotationService({ database, keys, peers, ledger, audit, clock, config });
  ingest.addAdmissionCheck(service.admission);
  ingest.addListener(service.onIngest);
  // Analysis listens before the exchange: its listeners only compute for an import, while the
  // exchange's cursor write waits for the connection the next batch's write holds; in this order
  // correlation runs alongside that write instead of after it.
  const analysis = createAnalysisServices({ database, release, audit, clock, ingest, collections, logger });
  const workflows = createWorkflows({ config, profile, database, clock, logger, events, ingest, collections, release });
  const { admission: governanceAdmission, ...governance } = createGovernance({ config, profile, database, clock, logger, events, keys, collections, workflows });
  ingest.addAdmissionCheck(governanceAdmission);
  release.useConsents(governance.consents);
  void governance.consents.refreshSoon();
  // A short command (`accord peer card`) closes the store while the first load may still be reading.
  database.atClose(() => governance.consents.settled());
  let authority: string | undefined;
  const { consultations, disputes } = createConsultations({
    database, clock, profile, party, logger, events, deadlines: workflows.deadlines, notifications: workflows.notifications, sender: workflows.sender,
    authorityRef: async () => (authority ??= await localAuthorityRef(database, config, profile)),
  }, workflows.exchange);
  return {
    config, profile, database, clock, logger, events, metrics, audit, auth, release, collections, ingest, objects, taxii, converters: [mispConverter(clock)], keys, ledger,
    federation: { peers, delivery, receive, sync, service, rotation }, processId, analysis, governance, consultations, disputes, ...workflows,
  };
}
