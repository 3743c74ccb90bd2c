import { randomUUID } from 'node:crypto';
import type { UserPrincipal } from '../auth/principal.js';
import type { AgreementService } from '../agreement/agreement.service.js';
import { PartyRecords, recordView, requirePermission, type GovernanceDeps, type RecordSpec, type RecordView } from '../agreement/party-records.js';
import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { AUTHORITY_EXTENSION_ID, LIFECYCLE_RECORD_TYPE } from '../exchange/exchange-ids.js';
import { micros, stixTime, stringProp } from '../exchange/exchange-objects.js';
import type { Locale } from '../i18n/locale.js';
import type { StixObject } from '../objects/object-row.js';
import { authorityExchangeDeadline, eventTimeZone } from '../profile/legal-time.js';
import { authoritiesMessage } from './authorities.messages.js';

export const AUTHORITY_RULE = 'authority.exchange';

export interface AuthorityContact {
  readonly channel: 'phone' | 'email' | 'fax' | 'post' | 'other';
  readonly value: string;
  /** A round-the-clock (24/7) contact. */
  readonly alwaysAvailable?: boolean | undefined;
  readonly name?: string | undefined;
}

/** A competent authority as its Party describes it. */
export interface AuthorityInput {
  readonly name: string;
  readonly description?: string | undefined;
  readonly roles: readonly string[];
  /** Directions of cooperation (profile codes) it handles. */
  readonly areas: readonly string[];
  readonly contacts?: readonly AuthorityContact[] | undefined;
  /** Its signing keys; default: this node's active authority keys. */
  readonly keys?: ReadonlyArray<{ kid: string; purpose?: string; jwk?: Record<string, unknown> }> | undefined;
  readonly status?: 'active' | 'withdrawn' | undefined;
}

/** What a Party must still share before its information on competent authorities is complete. */
export const authorityGaps = ['noAuthority', 'noContact', 'noKey'] as const;
export type AuthorityGap = (typeof authorityGaps)[number];

/** Where a Party stands with the information on its competent authorities. */
export interface PartyAuthorityStatus {
  readonly party: string;
  readonly authorities: number;
  readonly complete: boolean;
  /** What is still to share, as stable codes for programs and pages. */
  readonly gaps: AuthorityGap[];
  /** The same, in the language the caller asked for. */
  readonly missing: string[];
  /** Directions of cooperation no active authority of the Party handles (information, not required). */
  readonly uncoveredAreas: string[];
  readonly due: { date: string; instant: string | null; timeZone: string | null; provision: string } | null;
  readonly deadlineState: string | null;
}

type Ext = { party?: string; agreement?: string; authority_status?: string; contacts?: Array<{ always_available?: boolean }>; keys?: unknown[]; areas?: string[] };
const extOf = (o: StixObject): Ext | undefined => (o.extensions as Record<string, Ext> | undefined)?.[AUTHORITY_EXTENSION_ID];

export const authoritySpec: RecordSpec = {
  kind: 'authority',
  matches: (o) => o.type === 'identity' && extOf(o) !== undefined,
  authorOf: (o) => extOf(o)?.party,
  agreementOf: (o) => extOf(o)?.agreement,
  describe: (o) => ({ title: stringProp(o, 'name') ?? '', status: extOf(o)?.authority_status ?? 'active', searchText: [o.name, o.description].filter((v) => typeof v === 'string').join(' ') }),
};

/** The competent authorities of every Party (Art. 5(1)) and the deadline for exchanging them after entry into force. */
export class AuthoritiesService {
  readonly records: PartyRecords;

  constructor(private readonly deps: GovernanceDeps, private readonly agreement: AgreementService) {
    this.records = new PartyRecords(deps, authoritySpec);
    deps.deadlines.defineRule(AUTHORITY_RULE, { actors: 'authorities:manage', waiting: 'governance:read' });
    agreement.onChange(() => this.syncDeadlines());
  }

  readonly arrival = async (object: StixObject, from: string): Promise<void> => {
    if (!authoritySpec.matches(object)) return;
    await this.records.arrival(object, from);
    await this.syncDeadlines();
  };

  async list(party?: string): Promise<RecordView[]> {
    return (await this.records.list({ party, limit: 10_000 })).map(recordView);
  }

  async get(id: string): Promise<RecordView> {
    return recordView(await this.records.mustFind(id));
  }

  /** Shares a competent authority of this node's Party with every other Party. */
  async create(user: UserPrincipal, input: AuthorityInput): Promise<RecordView> {
    requirePermission(user, 'authorities:manage', 'manage competent authorities');
    const now = this.deps.clock.nowMicros();
    const { createdByRef, markings } = await this.records.common();
    const time = stixTime(now);
    const object: StixObject = {
      type: 'identity', spec_version: '2.1', id: `identity--${randomUUID()}`, created: time, modified: time, created_by_ref: createdByRef,
      identity_class: 'organization', sectors: ['government'], object_marking_refs: markings, ...(await this.properties(input, now)),
    };
    const row = await this.records.record(user, object);
    await this.syncDeadlines();
    return recordView(row);
  }

  /** A new version of one of this Party's authorities (the author Party only). */
  async update(user: UserPrincipal, id: string, input: AuthorityInput): Promise<RecordView> {
    requirePermission(user, 'authorities:manage', 'manage competent authorities');
    const properties = await this.properties(input, this.deps.clock.nowMicros());
    const { row } = await this.records.revise(user, id, () => properties);
    await this.syncDeadlines();
    return recordView(row);
  }

  private async properties(input: AuthorityInput, now: number): Promise<Record<string, unknown>> {
    const { profile, party } = this.deps;
    const details: ErrorDetail[] = [];
    const text = (key: string, params: Record<string, string> = {}) => authoritiesMessage(key as 'missing', params);
    if (!input.name?.trim()) details.push({ path: '/name', message: text('missing', { field: 'name' }) });
    if (!input.roles?.length) details.push({ path: '/roles', message: text('missing', { field: 'roles' }) });
    if (!input.areas?.length) details.push({ path: '/areas', message: text('missing', { field: 'areas' }) });
    (input.areas ?? []).forEach((code, i) => {
      if (!profile.directions.some((d) => d.code === code)) details.push({ path: `/areas/${i}`, message: text('unknownDirection', { code, profile: profile.id }) });
    });
    if (details.length) throw new AccordError('validation-failed', authoritiesMessage('invalid', { count: details.length }), { details });
    const keys = input.keys ?? (await this.deps.keys.publicKeys()).filter((k) => k.purpose === 'authority' && !k.retired).map((k) => ({ kid: k.kid, purpose: k.purpose, jwk: k.jwk }));
    return {
      name: input.name.trim(), ...(input.description ? { description: input.description } : {}),
      extensions: {
        [AUTHORITY_EXTENSION_ID]: {
          extension_type: 'property-extension', agreement: profile.id, party, authority_roles: [...input.roles], areas: [...input.areas],
          contacts: (input.contacts ?? []).map((c) => ({ channel: c.channel, value: c.value, ...(c.alwaysAvailable !== undefined ? { always_available: c.alwaysAvailable } : {}), ...(c.name ? { name: c.name } : {}) })),
          keys, authority_status: input.status ?? 'active', profile_version: await this.deps.governingVersion(now),
        },
      },
    };
  }

  /** What each Party still has to share, and the deadline it has to share it by. */
  async exchangeStatus(locale: Locale = 'en'): Promise<{ entryIntoForce: string | null; parties: PartyAuthorityStatus[] }> {
    const { profile } = this.deps;
    const state = await this.agreement.state();
    const rows = await this.records.list({ limit: 10_000 });
    const deadlines = await this.deps.deadlines.forSubjects([this.subjectId()]);
    const parties = profile.parties.map((p): PartyAuthorityStatus => {
      const active = rows.filter((r) => r.authorParty === p.code && r.status === 'active').map((r) => extOf(JSON.parse(r.body) as StixObject) ?? {});
      const shared: Record<AuthorityGap, boolean> = {
        noAuthority: active.length > 0,
        noContact: active.some((a) => a.contacts?.some((c) => c.always_available)),
        noKey: active.some((a) => a.keys?.length),
      };
      const gaps = authorityGaps.filter((gap) => !shared[gap]);
      const covered = new Set(active.flatMap((a) => a.areas ?? []));
      const due = this.dueFor(p.code, state.entryIntoForce?.date);
      return {
        party: p.code, authorities: active.length, complete: gaps.length === 0, gaps, missing: gaps.map((gap) => authoritiesMessage(gap).text(locale)), uncoveredAreas: profile.directions.map((d) => d.code).filter((c) => !covered.has(c)),
        due: due ? { date: due.date, instant: due.instant ?? null, timeZone: due.timeZone ?? null, provision: due.provision } : null,
        deadlineState: deadlines.find((d) => d.party === p.code)?.state ?? null,
      };
    });
    return { entryIntoForce: state.entryIntoForce?.date ?? null, parties };
  }

  private subjectId(): string {
    return `agreement:${this.deps.profile.id}`;
  }

  private dueFor(party: string, entryDate: string | undefined) {
    if (!entryDate) return undefined;
    return authorityExchangeDeadline(this.deps.profile, entryDate, eventTimeZone(this.deps.profile, { receivingParty: party, sendingParty: party }));
  }

  /** Starts each Party's 60-day deadline once entry into force is known, and meets it when the Party has shared what it must. */
  async syncDeadlines(): Promise<void> {
    const { profile, deadlines, database } = this.deps;
    const state = await this.agreement.state();
    const entry = state.entryIntoForce;
    if (!entry?.instant) return;
    const status = await this.exchangeStatus();
    const rule = profile.deadlines.authorityExchange;
    await database.db.transaction().execute(async (trx) => {
      for (const p of status.parties) {
        if (!p.due?.instant) continue;
        await deadlines.schedule(trx, {
          rule: AUTHORITY_RULE, subjectKind: 'agreement', subjectId: this.subjectId(), subjectType: LIFECYCLE_RECORD_TYPE, subjectTlp: 'green', subjectOrigin: null,
          subjectTitle: authoritiesMessage('deadlineTitle').text('en'), party: p.party,
          // The period ends as day N ends: the last microsecond of that legal day.
          startUs: micros(entry.instant), dueUs: micros(p.due.instant) - 1, provision: rule.provision, basis: rule.basis,
        });
        if (p.complete) await deadlines.meet(trx, this.subjectId(), { rule: AUTHORITY_RULE, party: p.party });
      }
    });
  }
}
