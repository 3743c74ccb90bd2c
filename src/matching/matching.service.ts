import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { IngestPipeline } from '../ingest/ingest.service.js';
import type { Locale } from '../i18n/locale.js';
import { factsOfRow } from '../objects/objects.service.js';
import { matchPattern, type Observation as PatternObservation } from '../patterning/patterning.js';
import type { Audience } from '../protection/release-policy.js';
import type { ReleaseService } from '../protection/release.service.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import type { WarninglistHit, Warninglists } from '../warninglists/warninglist.js';
import {
  observableKey,
  type Observable,
  type ObservableKind,
} from '../correlation/observables/observable.js';
import { planPattern } from './indicator-plan.js';
import type { MatchIndex } from './match-index.js';
import type { MatchingIndexService } from './matching-index.service.js';
import {
  defaultInputLimits,
  parseSubmission,
  type InputFormat,
  type InputLimits,
  type SubmittedObservation,
} from './observable-input.js';
import { matchingMessage } from './matching.messages.js';
import { buildSighting, type SightingOutcome } from './sighting.js';

/**
 * Refuses sharing hits without recording them, in the words of the caller's surface (API fields or
 * CLI flags): what is shared is the recorded sighting, so share alone was dropped without a word.
 */
export function checkShareNeedsRecord(request: { record: boolean; share: boolean }, names: { record: string; share: string }): void {
  if (request.share && !request.record) throw new AccordError('bad-request', matchingMessage('shareNeedsRecord', names));
}

export interface MatchRequest {
  /** Text (list, CSV, log, or STIX as text) or an already parsed STIX value. */
  readonly input: unknown;
  readonly format: InputFormat;
  /** Record each hit as a STIX sighting in `intel`. */
  readonly record: boolean;
  /** Also share each recorded sighting with the indicator's originating Party (its outbox). */
  readonly share: boolean;
  readonly locale?: Locale;
}

export interface MatchedIndicator {
  readonly id: string;
  readonly name: string | null;
  readonly pattern: string;
  readonly tlp: string | null;
  readonly markings: string[];
  readonly origin: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly observables: Array<{ kind: ObservableKind; value: string; count: number }>;
  /** Observations (lines, rows, observed-data) that hit it. */
  readonly observations: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  sighting?: SightingOutcome;
}

export interface MatchReport {
  readonly format: string;
  readonly observations: number;
  readonly observables: number;
  readonly skipped: { count: number; examples: Array<{ position: number; text: string }> };
  readonly matches: MatchedIndicator[];
  readonly truncated: boolean;
  readonly warninglisted: Array<{
    kind: ObservableKind;
    value: string;
    count: number;
    warninglists: WarninglistHit[];
  }>;
  /** Indicators whose patterns the index cannot serve, run by the patterning matcher. */
  readonly complexPatterns: { evaluated: number; skipped: number };
}

export interface MatchingDeps {
  readonly database: Database;
  readonly index: MatchingIndexService;
  readonly release: ReleaseService;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly ingest: IngestPipeline;
  readonly collections: CollectionsService;
  readonly warninglists: Warninglists;
  /** The node's competent authority identity, for where_sighted_refs (when the node has one). */
  readonly authorityRef: () => Promise<string | undefined>;
  readonly limits?: Partial<InputLimits>;
}

type Actor = Principal | 'system';

const MAX_MATCHES = 10_000;
const MAX_OBSERVABLES_PER_MATCH = 100;
const MAX_WARNINGLISTED = 500;
/** Observation evaluations the patterning matcher may spend on one submission. */
const SLOW_BUDGET = 5_000_000;

/** What one indicator collected from a submission. */
class Hit {
  readonly observables = new Map<string, { o: Observable; count: number }>();
  observations = 0;
  first: string | undefined;
  last: string | undefined;
  private lastObservation = -1;
  verified = false;

  add(o: Observable, observation: SubmittedObservation, index: number): void {
    const key = observableKey(o);
    const seen = this.observables.get(key);
    if (seen) seen.count++;
    else this.observables.set(key, { o, count: 1 });
    if (index !== this.lastObservation) {
      this.lastObservation = index;
      this.observations++;
      this.first = earliest(this.first, observation.firstSeen);
      this.last = latest(this.last, observation.lastSeen ?? observation.firstSeen);
    }
  }
}

/**
 * Matching: a submission's observables against every indicator on the node, answered through
 * the release policy, with hits optionally recorded (and shared) as STIX sightings.
 */
export class MatchingService {
  private readonly limits: InputLimits;

  constructor(private readonly deps: MatchingDeps) {
    this.limits = { ...defaultInputLimits, ...deps.limits };
  }

  async match(actor: Actor, audience: Audience, request: MatchRequest): Promise<MatchReport> {
    const parsed = parseSubmission(request.input, request.format, this.limits);
    const index = await this.deps.index.current();
    const hits = new Map<number, Hit>();
    const distinct = new Map<string, { o: Observable; count: number }>();
    const hitOf = (slot: number) => {
      let hit = hits.get(slot);
      if (!hit) hits.set(slot, (hit = new Hit()));
      return hit;
    };
    parsed.observations.forEach((observation, i) => {
      const list = observation.observables;
      for (const o of list) {
        const key = observableKey(o);
        const seen = distinct.get(key);
        if (seen) seen.count++;
        else distinct.set(key, { o, count: 1 });
      }
      index.matchObservation(list, (slot, term) => {
        const o = list[term];
        if (o) hitOf(slot).add(o, observation, i);
      });
    });
    const complexPatterns = this.matchSlow(index, parsed.observations, hitOf);
    const matches = await this.resolveHits(actor, audience, index, hits);
    matches.sort((a, b) => b.observations - a.observations || a.id.localeCompare(b.id));
    const listed = matches.slice(0, MAX_MATCHES);
    if (request.record) await this.recordSightings(actor, listed, request);
    const report: MatchReport = {
      format: parsed.format,
      observations: parsed.observations.length,
      observables: distinct.size,
      skipped: parsed.skipped,
      matches: listed,
      truncated: matches.length > MAX_MATCHES,
      warninglisted: this.warninglisted(distinct),
      complexPatterns,
    };
    await this.deps.audit.record({
      actor,
      action: 'matching.match',
      targetType: 'submission',
      targetId: parsed.format,
      detail: {
        observations: report.observations,
        observables: report.observables,
        matches: matches.length,
        recorded: request.record,
        shared: request.share,
      },
    });
    return report;
  }

  /** Patterns the index cannot serve, each run over the observations holding its object types. */
  private matchSlow(
    index: MatchIndex,
    observations: readonly SubmittedObservation[],
    hitOf: (slot: number) => Hit,
  ): { evaluated: number; skipped: number } {
    let budget = SLOW_BUDGET;
    let evaluated = 0;
    let skipped = 0;
    const stixCache = new Map<number, PatternObservation>();
    const now = this.deps.clock.now().toISOString();
    for (const { slot, plan } of index.slow) {
      const candidates: number[] = [];
      observations.forEach((observation, i) => {
        if (observation.observables.some((o) => plan.types.has(scoTypeOf(o.kind)))) candidates.push(i);
      });
      if (candidates.length === 0) continue;
      if (candidates.length > budget) {
        skipped++;
        continue;
      }
      budget -= candidates.length;
      evaluated++;
      const inputs = candidates.map((i) => {
        let stix = stixCache.get(i);
        if (!stix)
          stixCache.set(i, (stix = withTimes(observations[i]?.stix ?? asObservation(observations[i]), now)));
        return stix;
      });
      const result = matchPattern(plan.compiled, inputs, { budget: 100_000 });
      if (!result.matched) continue;
      const hit = hitOf(slot);
      hit.verified = true;
      for (const used of result.indexes) {
        const i = candidates[used] ?? -1;
        const observation = observations[i];
        if (observation)
          for (const o of observation.observables)
            if (plan.types.has(scoTypeOf(o.kind))) hit.add(o, observation, i);
      }
    }
    return { evaluated, skipped };
  }

  /** Loads the hit indicators, verifies fast hits against their patterns and keeps what the audience may see. */
  private async resolveHits(
    actor: Actor,
    audience: Audience,
    index: MatchIndex,
    hits: Map<number, Hit>,
  ): Promise<MatchedIndicator[]> {
    const bySeq = new Map<number, Hit>();
    for (const [slot, hit] of hits) bySeq.set(index.seqOf(slot), hit);
    const seqs = [...bySeq.keys()];
    const rows = [];
    for (let i = 0; i < seqs.length; i += 2000) {
      rows.push(
        ...(await this.deps.database.db
          .selectFrom('stixObject')
          .select(['seq', 'id', 'type', 'tlp', 'originParty', 'markingRefs', 'hasGranular', 'body'])
          .where('seq', 'in', seqs.slice(i, i + 2000))
          .where('isLatest', '=', 1)
          .where('revoked', '=', 0)
          .execute()),
      );
    }
    const released = await this.deps.release.filter(rows, factsOfRow, audience, 'read', actor);
    return released.flatMap((row) => {
      const hit = bySeq.get(Number(row.seq));
      const body = JSON.parse(row.body) as Record<string, unknown>;
      const pattern = typeof body.pattern === 'string' ? body.pattern : '';
      if (!hit) return [];
      const observables = verify(hit, pattern);
      if (observables.length === 0) return [];
      return [
        {
          id: row.id,
          name: typeof body.name === 'string' ? body.name : null,
          pattern,
          tlp: row.tlp,
          markings: row.markingRefs ? (JSON.parse(row.markingRefs) as string[]) : [],
          origin: row.originParty,
          validFrom: typeof body.valid_from === 'string' ? body.valid_from : null,
          validUntil: typeof body.valid_until === 'string' ? body.valid_until : null,
          observables: observables
            .slice(0, MAX_OBSERVABLES_PER_MATCH)
            .map(({ o, count }) => ({ kind: o.kind, value: o.value, count })),
          observations: hit.observations,
          firstSeen: hit.first ?? null,
          lastSeen: hit.last ?? null,
        },
      ];
    });
  }

  private warninglisted(
    distinct: Map<string, { o: Observable; count: number }>,
  ): MatchReport['warninglisted'] {
    const out: MatchReport['warninglisted'] = [];
    for (const { o, count } of distinct.values()) {
      const found = this.deps.warninglists.check(o);
      if (found.length) out.push({ kind: o.kind, value: o.value, count, warninglists: found });
    }
    return out.sort((a, b) => b.count - a.count).slice(0, MAX_WARNINGLISTED);
  }

  /** Writes one sighting per matched indicator into `intel` through ingest, and into the originator's outbox when asked. */
  private async recordSightings(
    actor: Actor,
    matches: MatchedIndicator[],
    request: MatchRequest,
  ): Promise<void> {
    if (matches.length === 0) return;
    const { collections, ingest, clock } = this.deps;
    const intel = await collections.byAlias('intel');
    const authority = await this.deps.authorityRef();
    const now = clock.now();
    const sightings = matches.map((m) => buildSighting(m, now, authority, request.locale));
    const outcomes = await ingest.ingestObjects(sightings, { collectionId: intel.id, originParty: null });
    for (const [i, m] of matches.entries()) {
      const outcome = outcomes.find((o) => o.index === i);
      const sighting = sightings[i];
      if (!sighting) continue;
      m.sighting = {
        id: sighting.id,
        status: outcome?.status ?? 'rejected',
        ...(outcome?.reason ? { reason: outcome.reason.text(request.locale ?? 'en') } : {}),
      };
    }
    if (!request.share) return;
    for (const [i, m] of matches.entries()) {
      const sighting = sightings[i];
      if (!m.origin || !sighting || m.sighting?.status === 'rejected') continue;
      const outbox = await collections.byAlias(`outbox-${m.origin}`).catch(() => undefined);
      if (!outbox) continue;
      const [shared] = await ingest.ingestObjects([sighting], { collectionId: outbox.id, originParty: null });
      if (shared && shared.status !== 'rejected' && m.sighting)
        m.sighting = { ...m.sighting, sharedWith: m.origin };
    }
    await this.deps.audit.record({
      actor,
      action: 'matching.sightings',
      targetType: 'collection',
      targetId: intel.alias,
      detail: { recorded: sightings.length, shared: matches.filter((m) => m.sighting?.sharedWith).length },
    });
  }
}

/** Keeps the observables the pattern really names (the index compares 64-bit keys); slow-path hits were proven by the matcher. */
function verify(hit: Hit, pattern: string): Array<{ o: Observable; count: number }> {
  const all = [...hit.observables.values()];
  if (hit.verified) return all;
  const plan = planPattern(pattern);
  if (plan.kind !== 'fast') return [];
  const named = new Set(plan.alternatives.flat().map(observableKey));
  // An address hits the blocks that contain it; blocks were compared exactly, so they pass.
  return all.filter(
    ({ o }) => named.has(observableKey(o)) || o.kind === 'ipv4-addr' || o.kind === 'ipv6-addr',
  );
}

const SCO_TYPE: Readonly<Record<ObservableKind, string>> = {
  'ipv4-addr': 'ipv4-addr',
  'ipv6-addr': 'ipv6-addr',
  'domain-name': 'domain-name',
  url: 'url',
  'email-addr': 'email-addr',
  'mac-addr': 'mac-addr',
  md5: 'file',
  sha1: 'file',
  sha256: 'file',
  sha512: 'file',
  ssdeep: 'file',
  mutex: 'mutex',
  'windows-registry-key': 'windows-registry-key',
  'autonomous-system': 'autonomous-system',
};

function scoTypeOf(kind: ObservableKind): string {
  return SCO_TYPE[kind];
}

const HASH_NAME: Partial<Record<ObservableKind, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
};

/** The SCOs a list line stands for, so the patterning matcher can read it. */
function asObservation(observation: SubmittedObservation | undefined): PatternObservation {
  const scos = (observation?.observables ?? []).map((o, i): Record<string, unknown> => {
    const id = `${scoTypeOf(o.kind)}--${i}`;
    const hash = HASH_NAME[o.kind];
    if (hash) return { type: 'file', id, hashes: { [hash]: o.value } };
    if (o.kind === 'mutex') return { type: 'mutex', id, name: o.value };
    if (o.kind === 'windows-registry-key') return { type: 'windows-registry-key', id, key: o.value };
    if (o.kind === 'autonomous-system') return { type: 'autonomous-system', id, number: Number(o.value) };
    return { type: o.kind, id, value: o.value };
  });
  return {
    scos,
    ...(observation?.firstSeen ? { first_observed: observation.firstSeen } : {}),
    ...(observation?.lastSeen ? { last_observed: observation.lastSeen } : {}),
  };
}

/** The matcher places every observation in time; lines without a time happened now. */
function withTimes(observation: PatternObservation, now: string): PatternObservation {
  if (observation.first_observed && observation.last_observed) return observation;
  const first = observation.first_observed ?? observation.last_observed ?? now;
  return { ...observation, first_observed: first, last_observed: observation.last_observed ?? first };
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (b === undefined || Number.isNaN(Date.parse(b))) return a;
  return a === undefined || Date.parse(b) < Date.parse(a) ? b : a;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (b === undefined || Number.isNaN(Date.parse(b))) return a;
  return a === undefined || Date.parse(b) > Date.parse(a) ? b : a;
}
