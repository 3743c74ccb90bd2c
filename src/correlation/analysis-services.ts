import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { readAuthorityRef } from '../federation/local-authority.js';
import type { IngestPipeline } from '../ingest/ingest.service.js';
import { MatchingIndexService } from '../matching/matching-index.service.js';
import { MatchingService } from '../matching/matching.service.js';
import type { ReleaseService } from '../protection/release.service.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import { Warninglists } from '../warninglists/warninglist.js';
import { CorrelationService } from './correlation.service.js';

/** The analyst tools on the store: warninglists, the correlation index and matching. */
export interface AnalysisServices {
  readonly warninglists: Warninglists;
  readonly correlation: CorrelationService;
  readonly matchingIndex: MatchingIndexService;
  readonly matching: MatchingService;
}

/** Wires the analyst tools and subscribes them to the ingest pipeline (correlation indexes every stored batch). */
export function createAnalysisServices(deps: {
  database: Database;
  release: ReleaseService;
  audit: AuditService;
  clock: Clock;
  ingest: IngestPipeline;
  collections: CollectionsService;
  logger: Logger;
}): AnalysisServices {
  const { database, release, audit, clock, ingest, collections, logger } = deps;
  const warninglists = Warninglists.builtIn();
  const correlation = new CorrelationService({ database, release, audit, clock, warninglists, logger });
  const matchingIndex = new MatchingIndexService(database, clock, logger);
  const matching = new MatchingService({
    database,
    index: matchingIndex,
    release,
    audit,
    clock,
    ingest,
    collections,
    warninglists,
    authorityRef: () => readAuthorityRef(database),
  });
  ingest.addListener((outcomes) => correlation.indexOutcomes(outcomes));
  ingest.addListener((outcomes) =>
    matchingIndex.notify(
      outcomes.flatMap((o) =>
        o.object && (o.status === 'new' || o.status === 'updated') ? [o.object.type] : [],
      ),
    ),
  );
  return { warninglists, correlation, matchingIndex, matching };
}
