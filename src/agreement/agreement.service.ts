import type { UserPrincipal } from '../auth/principal.js';
import { AccordError } from '../errors/errors.js';
import { ASSISTANCE_REQUEST_TYPE, EARLY_WARNING_TYPE, JOINT_ACTIVITY_TYPE, LEGISLATION_TYPE, LIFECYCLE_RECORD_TYPE } from '../exchange/exchange-ids.js';
import type { LifecycleRecordKind } from '../exchange/exchange-kinds.js';
import { micros, newExchangeObject, stixTime } from '../exchange/exchange-objects.js';
import type { Message } from '../i18n/messages.js';
import type { StixObject } from '../objects/object-row.js';
import { listRequests } from '../requests/requests.repository.js';
import { agreementMessage } from './agreement.messages.js';
import { agreementState, terminationInstantUs, type AgreementState } from './lifecycle.js';
import { lifecycleRefusal } from './lifecycle-checks.js';
import { listPartyRecords } from './party-records.repository.js';
import { PartyRecords, recordView, requirePermission, type GovernanceDeps, type RecordSpec, type RecordView } from './party-records.js';

/** What a Party records about the agreement's life (camelCase of the lifecycle record's properties). */
export interface LifecycleInput {
  readonly kind: LifecycleRecordKind;
  readonly signedOn?: string | undefined;
  readonly place?: string | undefined;
  /** The profile version concerned: the agreement's, or the one a protocol makes. */
  readonly version?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  /** When the note was sent (notification, notice of termination); default now. */
  readonly sentAt?: string | undefined;
  /** The notification or notice received (receipt). */
  readonly notification?: string | undefined;
  /** When it was received (receipt); default now. */
  readonly receivedAt?: string | undefined;
}

/** An item that continues after termination, and the survival rule that keeps it. */
export interface SurvivingItem {
  readonly id: string;
  readonly kind: 'activity' | 'request';
  readonly title: string;
  readonly status: string;
  readonly rule: string;
}

const lifecycleSpec = (check: RecordSpec['check']): RecordSpec => ({
  kind: 'lifecycle',
  matches: (o) => o.type === LIFECYCLE_RECORD_TYPE,
  authorOf: (o) => (typeof o.recording_party === 'string' ? o.recording_party : undefined),
  agreementOf: (o) => (typeof o.agreement === 'string' ? o.agreement : undefined),
  describe: (o) => ({
    title: [o.record_kind, o.notifying_party ?? o.receiving_party ?? o.recording_party, o.profile_version].filter((v) => typeof v === 'string').join(' '),
    status: String(o.record_kind),
    searchText: [o.name, o.description].filter((v) => typeof v === 'string').join(' '),
  }),
  ...(check ? { check } : {}),
});

/** Kinds that open a new exchange; after termination none may be made (continuations of earlier items still may). */
const OPENING_TYPES = [EARLY_WARNING_TYPE, ASSISTANCE_REQUEST_TYPE, JOINT_ACTIVITY_TYPE, LEGISLATION_TYPE,
  'indicator', 'malware', 'vulnerability', 'attack-pattern', 'incident', 'campaign', 'intrusion-set', 'threat-actor', 'tool', 'infrastructure', 'report', 'observed-data'];

/** How long a computed state may be reused by the admission checks of one process. */
const CACHE_US = 5_000_000;

/**
 * The agreement's lifecycle on this node: the Parties' lifecycle records, the state they yield
 * at any instant (entry into force, versions, termination), the check that stops new exchanges
 * after termination, and what survives it.
 */
export class AgreementService {
  readonly records: PartyRecords;
  private readonly listeners: Array<() => Promise<void>> = [];
  private readonly opening = new Set<string>(OPENING_TYPES);
  private cache: { atUs: number; records: StixObject[] } | undefined;

  constructor(private readonly deps: Omit<GovernanceDeps, 'governingVersion'>) {
    this.records = new PartyRecords({ ...deps, governingVersion: (atUs) => this.governingVersion(atUs) }, lifecycleSpec(async (object) => {
      const others = (await this.lifecycleRecords(true)).filter((r) => r.id !== object.id);
      return lifecycleRefusal(deps.profile, others, object, deps.clock.nowMicros())?.message;
    }));
  }

  /** Runs after every change of the lifecycle (deadlines that depend on entry into force). */
  onChange(listener: () => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Adds a kind that opens a new exchange (other domains: consultations, disputes). */
  registerOpeningType(type: string): void {
    this.opening.add(type);
  }

  private async lifecycleRecords(fresh = false): Promise<StixObject[]> {
    const now = this.deps.clock.nowMicros();
    if (!fresh && this.cache && Math.abs(now - this.cache.atUs) < CACHE_US) return this.cache.records;
    const rows = await listPartyRecords(this.deps.database.db, { kind: 'lifecycle', limit: 10_000 });
    const records = rows.map((r) => JSON.parse(r.body) as StixObject);
    this.cache = { atUs: now, records };
    return records;
  }

  /** The agreement's state at an instant (microseconds; default now). */
  async state(atUs = this.deps.clock.nowMicros()): Promise<AgreementState> {
    return agreementState(this.deps.profile, await this.lifecycleRecords(), atUs);
  }

  /** The profile version that governed an instant: the agreement's, or the newest protocol in force then. */
  async governingVersion(atUs: number): Promise<string> {
    return (await this.state(atUs)).governingVersion;
  }

  /** Every lifecycle record, in the order they were made. */
  async list(): Promise<RecordView[]> {
    return (await this.records.list({ limit: 10_000 })).map(recordView);
  }

  /** Records one lifecycle event of this node's Party and shares it with every other Party. */
  async record(user: UserPrincipal, input: LifecycleInput): Promise<{ record: RecordView; state: AgreementState }> {
    requirePermission(user, 'agreement:record', 'record events of the agreement\'s lifecycle');
    const now = this.deps.clock.nowMicros();
    const object = newExchangeObject(LIFECYCLE_RECORD_TYPE, now, await this.deps.authorityRef(), {
      ...(await this.properties(input, now)), object_marking_refs: (await this.records.common()).markings,
    });
    return this.keep(object, () => this.records.record(user, object).then((row) => ({ row })));
  }

  /** A corrected version of a lifecycle record this node's Party made (the author Party only). */
  async revise(user: UserPrincipal, id: string, input: Omit<LifecycleInput, 'kind'>): Promise<{ record: RecordView; state: AgreementState }> {
    requirePermission(user, 'agreement:record', 'record events of the agreement\'s lifecycle');
    const row = await this.records.mustFind(id);
    const previous = JSON.parse(row.body) as StixObject;
    const changes = this.changes({ ...input, kind: previous.record_kind as LifecycleRecordKind });
    if (row.authorParty !== this.deps.party) throw new AccordError('forbidden', agreementMessage('notAuthor', { id, author: row.authorParty }));
    return this.keep({ ...previous, ...changes }, () => this.records.revise(user, id, () => changes), id);
  }

  private async keep(object: StixObject, store: () => Promise<{ row: Parameters<typeof recordView>[0] }>, replaces?: string): Promise<{ record: RecordView; state: AgreementState }> {
    const others = (await this.lifecycleRecords(true)).filter((r) => r.id !== replaces);
    const refusal = lifecycleRefusal(this.deps.profile, others, object, this.deps.clock.nowMicros());
    if (refusal) throw new AccordError(refusal.code, refusal.message, { details: [{ path: refusal.path, message: refusal.message }] });
    const { row } = await store();
    await this.changed();
    return { record: recordView(row), state: await this.state() };
  }

  /** Handles a peer's lifecycle record, then what depends on the lifecycle. */
  readonly arrival = async (object: StixObject, from: string): Promise<void> => {
    await this.records.arrival(object, from);
    await this.changed();
  };

  private async changed(): Promise<void> {
    this.cache = undefined;
    for (const listener of this.listeners) await listener();
  }

  private changes(input: LifecycleInput): Record<string, unknown> {
    const entries: Array<[string, unknown]> = [
      ['signed_on', input.signedOn], ['place', input.place], ['profile_version', input.version], ['name', input.name], ['description', input.description],
      ['sent_at', input.sentAt && normalInstant(input.sentAt)], ['notification_ref', input.notification], ['received_at', input.receivedAt && normalInstant(input.receivedAt)],
    ];
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== ''));
  }

  private async properties(input: LifecycleInput, now: number): Promise<Record<string, unknown>> {
    const { profile, party } = this.deps;
    const own = input.kind === 'receipt' ? { receiving_party: party } : input.kind === 'notification' || input.kind === 'termination-notice' ? { notifying_party: party } : {};
    const defaults: Record<string, unknown> = {};
    if (input.kind === 'signature' || input.kind === 'notification') defaults.profile_version = input.kind === 'signature' ? profile.version : await this.versionToNotify();
    if (input.kind === 'notification' || input.kind === 'termination-notice') defaults.sent_at = stixTime(now);
    if (input.kind === 'receipt') defaults.received_at = stixTime(now);
    return { agreement: profile.id, record_kind: input.kind, recording_party: party, ...own, ...defaults, ...this.changes(input) };
  }

  /** The oldest version this Party has not yet notified (the agreement's, else the newest protocol's). */
  private async versionToNotify(): Promise<string> {
    const state = await this.state();
    return state.versions.find((v) => v.awaitingNotification.includes(this.deps.party))?.version ?? state.governingVersion;
  }

  /** Why each object may not open a new exchange now (after termination); undefined where it may. */
  async openingRefusals(objects: readonly StixObject[]): Promise<Array<Message | undefined>> {
    if (!objects.some((o) => this.opening.has(o.type))) return objects.map(() => undefined);
    const state = await this.state();
    const end = terminationInstantUs(state);
    const effective = state.terminationEffective;
    return objects.map((object) => (end === undefined || !this.opening.has(object.type) || micros(object.created) < end
      ? undefined
      : agreementMessage('terminated', { profile: this.deps.profile.id, date: effective?.date ?? '', provision: effective?.provision ?? '', what: object.type })));
  }

  /** The sending check of every domain: refuses new exchanges once the agreement has ceased to have effect. */
  readonly sendingCheck = async (objects: readonly StixObject[]): Promise<void> => {
    const refusal = (await this.openingRefusals(objects)).find((r) => r !== undefined);
    if (refusal) throw new AccordError('agreement-not-in-force', refusal);
  };

  /** The survival rules and the items they keep alive: activities and requests agreed before termination and not finished. */
  async survivors(): Promise<{ terminationEffective: AgreementState['terminationEffective']; provision: string; rules: ReadonlyArray<{ code: string; label: Record<string, string> }>; items: SurvivingItem[] }> {
    const state = await this.state();
    const end = terminationInstantUs(state) ?? Number.MAX_SAFE_INTEGER;
    const { survival } = this.deps.profile.lifecycle;
    const activities = await listPartyRecords(this.deps.database.db, { kind: 'activity', status: ['agreed', 'in-progress'], limit: 10_000 });
    const requests = await listRequests(this.deps.database.db, { state: ['accepted', 'in-progress'], limit: 500 });
    const items: SurvivingItem[] = [
      ...activities.filter((a) => a.createdUs < end).map((a) => ({ id: a.id, kind: 'activity' as const, title: a.title, status: a.status, rule: 'unfinished-joint-work' })),
      ...requests.filter((r) => r.submittedUs < end).map((r) => ({ id: r.id, kind: 'request' as const, title: r.title, status: r.state, rule: 'unfinished-joint-work' })),
    ];
    return { terminationEffective: state.terminationEffective, provision: survival.provision, rules: survival.rules, items };
  }
}

function normalInstant(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || !/T/.test(value) ? value : date.toISOString();
}
