import type { Logger } from 'pino';
import type { UserPrincipal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import type { DeadlinesService } from '../deadlines/deadlines.service.js';
import { AccordError } from '../errors/errors.js';
import type { EventBus } from '../events/event-bus.js';
import { micros, nextVersion, stixTime, tlpMarking } from '../exchange/exchange-objects.js';
import type { ExchangeSender } from '../exchange/exchange-sender.js';
import type { Message } from '../i18n/messages.js';
import type { KeyRing } from '../keys/key-ring.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { StixObject } from '../objects/object-row.js';
import { checkPartyFilter } from '../profile/party-filter.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { agreementMessage } from './agreement.messages.js';
import {
  findPartyRecord, heldPartyRecords, holdPartyRecord, listPartyRecords, releaseHeldRecord, savePartyRecord, type PartyRecordFilter, type PartyRecordRow,
} from './party-records.repository.js';
import type { PartyRecordKind } from './party-records.tables.js';

/** What the governance domains run on. */
export interface GovernanceDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly profile: Profile;
  readonly party: string;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly deadlines: DeadlinesService;
  readonly notifications: NotificationsService;
  readonly sender: ExchangeSender;
  readonly keys: KeyRing;
  /** The STIX identity of this node's competent authority (created_by_ref of what it records). */
  readonly authorityRef: () => Promise<string>;
  /** The profile version that governs an instant (the agreement, or the newest protocol in force). */
  readonly governingVersion: (atUs: number) => Promise<string>;
}

/** How one governance kind reads its records. */
export interface RecordSpec {
  readonly kind: PartyRecordKind;
  /** Whether a STIX object is a record of this kind. */
  matches(object: StixObject): boolean;
  /** The Party that made the record (the property each kind names). */
  authorOf(object: StixObject): string | undefined;
  /** The profile the record belongs to. */
  agreementOf(object: StixObject): string | undefined;
  describe(object: StixObject): { title: string; status: string; searchText: string };
  /** Why a peer's record does not fit what this node knows (impossible dates, duplicates); undefined when it fits. */
  check?(object: StixObject, from: string): Promise<Message | undefined>;
}

/** Governance records are shared with every Party of the agreement: TLP:GREEN. */
export const RECORD_TLP = 'green' as const;

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

/** Every Party of the agreement except this node's. */
export function otherParties(profile: Profile, party: string): string[] {
  return profile.parties.map((p) => p.code).filter((code) => code !== party);
}

/** Throws forbidden unless the user's role grants the permission. */
export function requirePermission(user: UserPrincipal, permission: Permission, action: string): void {
  if (!can(user.role, permission)) throw new AccordError('forbidden', agreementMessage('permission', { role: user.role, action }));
}

/** Why a record from a Party is not acceptable as that Party's record; undefined when it is. */
export function authorRefusal(profile: Profile, spec: RecordSpec, object: StixObject, from: string, existingAuthor: string | undefined): Message | undefined {
  const author = spec.authorOf(object) ?? '';
  if (!findParty(profile, from)) return agreementMessage('notParty', { party: from, profile: profile.id });
  if (author !== from) return agreementMessage('notOwnParty', { own: from, party: author });
  if (existingAuthor !== undefined && existingAuthor !== from) return agreementMessage('notAuthor', { id: object.id, author: existingAuthor });
  return undefined;
}

/**
 * One governance kind's records, kept in sync between the Parties' nodes: a Party records its
 * own acts and sends them to every other Party; only the recording Party makes new versions;
 * what peers send is checked (Party, author, consistency) before it is kept.
 */
export class PartyRecords {
  constructor(readonly deps: GovernanceDeps, readonly spec: RecordSpec) {}

  /** Common properties of a new record of this node: author identity and marking. */
  async common(): Promise<{ createdByRef: string; markings: string[] }> {
    return { createdByRef: await this.deps.authorityRef(), markings: tlpMarking(RECORD_TLP) };
  }

  async mustFind(id: string): Promise<PartyRecordRow> {
    const row = await findPartyRecord(this.deps.database.db, id);
    if (!row || row.kind !== this.spec.kind) throw new AccordError('not-found', agreementMessage('notFound', { kind: this.spec.kind, id }));
    return row;
  }

  /** Records of this kind; a Party filter naming no Party of the profile is refused. */
  list(filter: Omit<PartyRecordFilter, 'kind'>): Promise<PartyRecordRow[]> {
    checkPartyFilter(this.deps.profile, filter.party);
    return listPartyRecords(this.deps.database.db, { ...filter, kind: this.spec.kind });
  }

  /** Shares a record this node's Party made with every other Party (or only those named), then keeps it. */
  async record(user: UserPrincipal, object: StixObject, to: readonly string[] = otherParties(this.deps.profile, this.deps.party)): Promise<PartyRecordRow> {
    await this.deps.sender.send([object], [...to], user);
    const row = await this.save(object, user.name);
    this.publish('recorded', row);
    await this.retryWaiting();
    return row;
  }

  /** A new version of a record, by its author Party only; `change` gives the changed properties. */
  async revise(user: UserPrincipal, id: string, change: (previous: StixObject) => Record<string, unknown>, to: readonly string[] = otherParties(this.deps.profile, this.deps.party)): Promise<{ row: PartyRecordRow; object: StixObject }> {
    const row = await this.mustFind(id);
    if (row.authorParty !== this.deps.party) throw new AccordError('forbidden', agreementMessage('notAuthor', { id, author: row.authorParty }));
    const previous = JSON.parse(row.body) as StixObject;
    const object = nextVersion(previous, this.deps.clock.nowMicros(), change(previous));
    await this.deps.sender.send([object], [...to], user);
    const saved = await this.save(object, user.name);
    this.publish('revised', saved);
    return { row: saved, object };
  }

  /** A record a peer sent: kept when it comes from its author Party and fits what this node knows. */
  readonly arrival = async (object: StixObject, from: string): Promise<void> => {
    if (!this.spec.matches(object)) return;
    const { profile, logger, database } = this.deps;
    const existing = await findPartyRecord(database.db, object.id);
    const refusal = this.spec.agreementOf(object) !== profile.id
      ? agreementMessage('notParty', { party: from, profile: String(this.spec.agreementOf(object)) })
      : authorRefusal(profile, this.spec, object, from, existing?.authorParty);
    if (refusal) {
      logger.warn({ id: object.id, from, why: refusal.text('en') }, `${this.spec.kind} record refused`);
      return;
    }
    if (existing && existing.versionUs >= micros(object.modified)) return;
    if (!(await this.keepConsistent(object, from, existing !== undefined))) return;
    await this.retryWaiting();
  };

  /**
   * Keeps a peer's record if it fits what this node knows; otherwise holds it back until it may.
   * With three or more Parties a record can arrive before the one it follows (a receipt before
   * the notification it answers, when the notifying node was down). Held records are stored, so a
   * restart in between loses none, and tried again whenever a record is kept.
   */
  private async keepConsistent(object: StixObject, from: string, known: boolean, alreadyHeld = false): Promise<boolean> {
    const { database, clock, logger } = this.deps;
    const inconsistent = await this.spec.check?.(object, from);
    if (inconsistent) {
      if (alreadyHeld) return false;
      logger.warn({ id: object.id, from, why: inconsistent.text('en') }, `${this.spec.kind} record held back until it fits`);
      await holdPartyRecord(database.db, { id: object.id, kind: this.spec.kind, fromParty: from, versionUs: micros(object.modified), heldUs: clock.nowMicros(), body: JSON.stringify(object) });
      return false;
    }
    const row = await this.save(object, null);
    // Told as soon as it is stored, with no await between: whoever indexes records (consents) has
    // begun before anything else can read the record.
    this.publish(known ? 'revised' : 'recorded', row, { from });
    await releaseHeldRecord(database.db, object.id);
    return true;
  }

  /** Tries the held-back records again until none more can be kept. */
  private async retryWaiting(): Promise<void> {
    const { database } = this.deps;
    for (let progress = true; progress;) {
      progress = false;
      for (const held of await heldPartyRecords(database.db, this.spec.kind)) {
        const object = JSON.parse(held.body) as StixObject;
        const existing = await findPartyRecord(database.db, object.id);
        if (existing && existing.versionUs >= held.versionUs) await releaseHeldRecord(database.db, object.id);
        else if (await this.keepConsistent(object, held.fromParty, existing !== undefined, true)) progress = true;
      }
    }
  }

  /** Ids of peers' records held back for want of an earlier record. */
  async heldBack(): Promise<string[]> {
    return (await heldPartyRecords(this.deps.database.db, this.spec.kind)).map((h) => h.id);
  }

  private async save(object: StixObject, by: string | null): Promise<PartyRecordRow> {
    const createdUs = micros(object.created);
    const { title, status, searchText } = this.spec.describe(object);
    const row: PartyRecordRow = {
      id: object.id, kind: this.spec.kind, authorParty: this.spec.authorOf(object) ?? '', title, status, searchText: searchText.toLowerCase(),
      governingVersion: await this.deps.governingVersion(createdUs), createdUs, versionUs: micros(object.modified), recordedUs: this.deps.clock.nowMicros(),
      recordedBy: by, body: JSON.stringify(object),
    };
    await savePartyRecord(this.deps.database.db, row);
    return row;
  }

  private publish(change: string, row: PartyRecordRow, data: Record<string, unknown> = {}): void {
    this.deps.events.publish({
      type: `${this.spec.kind}.${change}`,
      at: iso(this.deps.clock.nowMicros()),
      object: { id: row.id, type: (JSON.parse(row.body) as StixObject).type, tlp: RECORD_TLP, originParty: row.authorParty === this.deps.party ? null : row.authorParty, markingRefs: [TLP2_MARKING_IDS[RECORD_TLP]] },
      data: { id: row.id, kind: row.kind, party: row.authorParty, status: row.status, ...data },
    });
  }
}

/** A record as the API shows it: who made it, when, under which version, and the STIX object. */
export interface RecordView {
  readonly id: string;
  readonly party: string;
  readonly title: string;
  readonly status: string;
  readonly governingVersion: string;
  readonly created: string;
  readonly modified: string;
  readonly recordedBy: string | null;
  readonly object: StixObject;
}

export function recordView(row: PartyRecordRow): RecordView {
  return {
    id: row.id, party: row.authorParty, title: row.title, status: row.status, governingVersion: row.governingVersion,
    created: stixTime(row.createdUs), modified: stixTime(row.versionUs), recordedBy: row.recordedBy, object: JSON.parse(row.body) as StixObject,
  };
}
