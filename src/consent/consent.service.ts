import type { UserPrincipal } from '../auth/principal.js';
import { PartyRecords, requirePermission, type GovernanceDeps, type RecordSpec } from '../agreement/party-records.js';
import { findPartyRecord, type PartyRecordRow } from '../agreement/party-records.repository.js';
import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { CONSENT_DECISION_TYPE, CONSENT_REQUEST_TYPE } from '../exchange/exchange-ids.js';
import { micros, newExchangeObject, stringProp, stixTime } from '../exchange/exchange-objects.js';
import type { StixObject } from '../objects/object-row.js';
import { parseAudience } from '../protection/audience.js';
import type { ConsentCitation, ConsentLookup } from '../protection/consent-lookup.js';
import type { Audience } from '../protection/release-policy.js';
import { consentMessage } from './consent.messages.js';
import { objectIdIn } from '../objects/object-id-key.js';

/** Who a disclosure would go to, as consent records name it. */
interface Recipient {
  readonly kind: 'third-party' | 'party' | 'public';
  readonly name?: string;
  readonly party?: string;
}

export const consentStates = ['pending', 'granted', 'refused', 'revoked', 'expired'] as const;
export type ConsentState = (typeof consentStates)[number];

/** A consent request with its answer, as both Parties see it. */
export interface ConsentView {
  readonly id: string;
  readonly direction: 'sent' | 'received';
  readonly requestingParty: string;
  readonly originatingParty: string;
  readonly objects: readonly string[];
  readonly recipient: string;
  readonly purpose: string;
  readonly requestedUntil: string | null;
  readonly requested: string;
  readonly state: ConsentState;
  readonly decision: { id: string; objects: readonly string[]; expires: string | null; reasons: readonly string[]; decided: string } | null;
}

export interface ConsentRequestInput {
  readonly objects: readonly string[];
  /** "public", "third-party:NAME" or a Party code. */
  readonly recipient: string;
  readonly purpose: string;
  readonly until?: string | undefined;
  readonly lang?: string | undefined;
}

export interface GrantInput {
  readonly objects?: readonly string[] | undefined;
  readonly expires?: string | undefined;
  readonly purpose?: string | undefined;
}

const recipientKey = (r: Recipient): string => (r.kind === 'public' ? 'public' : r.kind === 'party' ? `party:${r.party ?? ''}` : `third-party:${r.name ?? ''}`);
const audienceKey = (a: Audience): string | undefined =>
  a.kind === 'public' ? 'public' : a.kind === 'peer' ? `party:${a.party}` : a.kind === 'third-party' ? `third-party:${a.name}` : undefined;
const recipientText = (r: Recipient): string => (r.kind === 'public' ? 'public' : r.kind === 'party' ? (r.party ?? '') : `third-party:${r.name ?? ''}`);
const refsOf = (o: StixObject): string[] => (Array.isArray(o.object_refs) ? (o.object_refs as unknown[]).filter((r): r is string => typeof r === 'string') : []);
const recipientOf = (o: StixObject): Recipient => (o.recipient ?? { kind: 'public' }) as Recipient;

/** A date as the API takes it: YYYY-MM-DD (end of that day, UTC) or an RFC 3339 instant; undefined when unreadable. */
function instant(value: string): number | undefined {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms * 1000;
}

/**
 * Originator consent (Art. 6(2)): a Party asks the Party that provided information for written
 * permission to pass it on; that Party grants (with a scope) or refuses; a grant can be revoked.
 * Requests and decisions are signed exchange records between the two nodes only. The index of live
 * grants answers the release policy; nothing here looks at the agreement's lifecycle, because
 * protection and consent obligations outlive termination.
 */
export class ConsentService implements ConsentLookup {
  readonly requests: PartyRecords;
  readonly decisions: PartyRecords;
  private index = new Map<string, Array<{ key: string; consentId: string; expiresUs: number | null }>>();
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: GovernanceDeps) {
    const agreementOf = (o: StixObject) => stringProp(o, 'agreement');
    const requestSpec: RecordSpec = {
      kind: 'consent-request', agreementOf,
      matches: (o) => o.type === CONSENT_REQUEST_TYPE,
      authorOf: (o) => stringProp(o, 'requesting_party'),
      describe: (o) => ({ title: stringProp(o, 'purpose')?.slice(0, 200) ?? '', status: 'pending', searchText: stringProp(o, 'purpose') ?? '' }),
      // A request is for the Party that provided the objects: no other node keeps it.
      check: async (o) => (stringProp(o, 'originating_party') === deps.party ? undefined : consentMessage('notOriginator', { party: stringProp(o, 'originating_party') ?? '?' })),
    };
    const decisionSpec: RecordSpec = {
      kind: 'consent-decision', agreementOf,
      matches: (o) => o.type === CONSENT_DECISION_TYPE,
      authorOf: (o) => stringProp(o, 'deciding_party'),
      describe: (o) => ({ title: stringProp(o, 'purpose')?.slice(0, 200) ?? '', status: stringProp(o, 'decision_status') ?? '', searchText: (o.reasons as string[] | undefined)?.join(' ') ?? '' }),
      check: async (o, from) => {
        const request = await findPartyRecord(deps.database.db, stringProp(o, 'request_ref') ?? '');
        const originator = request ? stringProp(JSON.parse(request.body) as StixObject, 'originating_party') : undefined;
        return originator === from ? undefined : consentMessage('notOriginator', { party: originator ?? '?' });
      },
    };
    this.requests = new PartyRecords(deps, requestSpec);
    this.decisions = new PartyRecords(deps, decisionSpec);
    deps.events.subscribe((event) => {
      if (event.type.startsWith('consent-decision.')) void this.refreshSoon();
      const from = typeof event.data?.from === 'string' ? event.data.from : undefined;
      const id = typeof event.data?.id === 'string' ? event.data.id : undefined;
      if (from && id && (event.type === 'consent-request.recorded' || event.type.startsWith('consent-decision.')))
        void this.notifyArrival(id, from).catch((error: unknown) => deps.logger.warn({ err: error, id }, 'consent notification failed'));
    });
  }

  /** Tells this node's liaisons of a peer's request, and the requesters of a peer's decision. */
  private async notifyArrival(id: string, from: string): Promise<void> {
    const row = await findPartyRecord(this.deps.database.db, id);
    if (!row) return;
    const object = JSON.parse(row.body) as StixObject;
    const recipient = recipientText(recipientOf(object));
    if (row.kind === 'consent-request') {
      await this.deps.notifications.notify([{ kind: 'consent.requested', subjectKind: 'consent', subjectId: id, permission: 'consents:decide', params: { party: from, count: refsOf(object).length, recipient, purpose: stringProp(object, 'purpose') ?? '' } }]);
      return;
    }
    const status = stringProp(object, 'decision_status');
    const kind = status === 'granted' ? 'consent.granted' : status === 'refused' ? 'consent.refused' : 'consent.revoked';
    await this.deps.notifications.notify([{ kind, subjectKind: 'consent', subjectId: stringProp(object, 'request_ref') ?? id, permission: 'consents:request', params: { party: from, recipient } }]);
  }

  /** A live grant covering the object for the audience (the release policy's question). */
  find(objectId: string, audience: Audience, at: Date): ConsentCitation | null {
    const key = audienceKey(audience);
    const atUs = at.getTime() * 1000;
    const hit = this.index.get(objectId)?.find((g) => g.key === key && (g.expiresUs === null || g.expiresUs > atUs));
    return hit ? { consentId: hit.consentId, expires: hit.expiresUs === null ? null : stixTime(hit.expiresUs) } : null;
  }

  /** Resolves once the index holds every decision heard of so far (see ConsentLookup). */
  settled(): Promise<void> {
    return this.refreshing;
  }

  /**
   * Rebuilds the index after the rebuilds already due, so that the last one reads the store after
   * the decision that asked for it; releases wait for it through `settled`. A failure is logged
   * and the index kept as it was.
   */
  refreshSoon(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.refresh()).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'consent index not refreshed'));
    return this.refreshing;
  }

  /** Rebuilds the index of grants; a grant covers only objects its deciding Party provided to this node. */
  private async refresh(): Promise<void> {
    const rows = await this.decisions.list({ status: ['granted'], limit: 100_000 });
    const index = new Map<string, Array<{ key: string; consentId: string; expiresUs: number | null }>>();
    for (const row of rows) {
      const decision = JSON.parse(row.body) as StixObject;
      const expires = stringProp(decision, 'expires');
      const origins = await this.origins(refsOf(decision));
      for (const id of refsOf(decision)) {
        if (origins.get(id) !== row.authorParty) continue;
        const list = index.get(id) ?? [];
        list.push({ key: recipientKey(recipientOf(decision)), consentId: row.id, expiresUs: expires ? micros(expires) : null });
        index.set(id, list);
      }
    }
    this.index = index;
  }

  async request(user: UserPrincipal, input: ConsentRequestInput): Promise<ConsentView> {
    requirePermission(user, 'consents:request', 'request consent');
    const { profile, party, clock } = this.deps;
    const details: ErrorDetail[] = [];
    const add = (path: string, message: ReturnType<typeof consentMessage>) => details.push({ path, message });
    let recipient: Recipient = { kind: 'public' };
    try {
      const audience = parseAudience(input.recipient, profile);
      recipient = audience.kind === 'peer' ? { kind: 'party', party: audience.party } : audience.kind === 'third-party' ? { kind: 'third-party', name: audience.name } : { kind: 'public' };
    } catch (error) {
      if (!(error instanceof AccordError)) throw error;
      details.push({ path: '/recipient', message: error.description });
    }
    if (!input.purpose?.trim()) add('/purpose', consentMessage('invalid', { count: 1 }));
    const until = input.until === undefined ? undefined : instant(input.until);
    if (input.until !== undefined && (until === undefined || until <= clock.nowMicros())) add('/until', consentMessage('badDate', { value: input.until }));
    const origins = await this.origins(input.objects ?? []);
    (input.objects ?? []).forEach((id, i) => {
      if (!origins.has(id)) add(`/objects/${i}`, consentMessage('unknownObject', { id }));
      else if (origins.get(id) === null) add(`/objects/${i}`, consentMessage('notForeign', { id }));
    });
    const parties = [...new Set([...origins.values()].filter((p): p is string => typeof p === 'string'))];
    if (parties.length > 1) add('/objects', consentMessage('mixedOrigins', { parties: parties.join(', ') }));
    if (!input.objects?.length) add('/objects', consentMessage('invalid', { count: 1 }));
    if (details.length) throw new AccordError('validation-failed', consentMessage('invalid', { count: details.length }), { details });
    const originator = parties[0] ?? '';
    const now = clock.nowMicros();
    const { createdByRef, markings } = await this.requests.common();
    const object = newExchangeObject(CONSENT_REQUEST_TYPE, now, createdByRef, {
      agreement: profile.id, requesting_party: party, originating_party: originator, object_refs: [...new Set(input.objects)], recipient,
      purpose: input.purpose.trim(), ...(until ? { requested_until: stixTime(until) } : {}), ...(input.lang ? { lang: input.lang } : {}), object_marking_refs: markings,
    });
    const row = await this.requests.record(user, object, [originator]);
    return this.view(row);
  }

  async grant(user: UserPrincipal, id: string, input: GrantInput): Promise<ConsentView> {
    const request = await this.mustDecide(user, id);
    const asked = refsOf(request);
    const objects = input.objects?.length ? [...new Set(input.objects)] : asked;
    const stray = objects.find((o) => !asked.includes(o));
    if (stray) throw new AccordError('validation-failed', consentMessage('outOfScope', { id: stray }));
    const expires = input.expires !== undefined ? instant(input.expires) : (stringProp(request, 'requested_until') ? micros(stringProp(request, 'requested_until') ?? '') : undefined);
    if (input.expires !== undefined && (expires === undefined || expires <= this.deps.clock.nowMicros())) throw new AccordError('validation-failed', consentMessage('badDate', { value: input.expires }));
    return this.decide(user, request, { decision: 'granted', decision_status: 'granted', object_refs: objects, purpose: input.purpose ?? stringProp(request, 'purpose'), ...(expires ? { expires: stixTime(expires) } : {}) });
  }

  async refuse(user: UserPrincipal, id: string, reasons: readonly string[]): Promise<ConsentView> {
    const request = await this.mustDecide(user, id);
    const given = reasons.map((r) => r.trim()).filter(Boolean);
    if (given.length === 0) throw new AccordError('validation-failed', consentMessage('reasonsRequired'));
    return this.decide(user, request, { decision: 'refused', decision_status: 'refused', object_refs: refsOf(request), reasons: given });
  }

  /** Withdraws a grant: a new version of the decision; releases stop at once on both nodes. */
  async revoke(user: UserPrincipal, id: string, reason: string | undefined): Promise<ConsentView> {
    requirePermission(user, 'consents:decide', 'decide on consent');
    const { decision } = await this.pair(id);
    const state = decision ? stringProp(JSON.parse(decision.body) as StixObject, 'decision_status') : 'pending';
    if (!decision || state !== 'granted') throw new AccordError('conflict', consentMessage('notGranted', { state: state ?? 'pending' }));
    const requester = stringProp(JSON.parse((await this.requests.mustFind(id)).body) as StixObject, 'requesting_party') ?? '';
    await this.decisions.revise(user, decision.id, () => ({ decision_status: 'revoked', ...(reason ? { reasons: [reason] } : {}) }), [requester]);
    await this.refreshSoon();
    return this.get(id);
  }

  async list(filter: { direction?: 'sent' | 'received' | undefined; state?: ConsentState | undefined; object?: string | undefined } = {}): Promise<ConsentView[]> {
    const rows = await this.requests.list({ limit: 10_000 });
    const views = await Promise.all(rows.map((row) => this.view(row)));
    return views.filter((v) => (!filter.direction || v.direction === filter.direction) && (!filter.state || v.state === filter.state) && (!filter.object || v.objects.includes(filter.object)));
  }

  async get(id: string): Promise<ConsentView> {
    return this.view(await this.requests.mustFind(id));
  }

  private async mustDecide(user: UserPrincipal, id: string): Promise<StixObject> {
    requirePermission(user, 'consents:decide', 'decide on consent');
    const { request, decision } = await this.pair(id);
    const object = JSON.parse(request.body) as StixObject;
    const originator = stringProp(object, 'originating_party') ?? '';
    if (originator !== this.deps.party) throw new AccordError('forbidden', consentMessage('notOriginator', { party: originator }));
    if (decision) throw new AccordError('conflict', consentMessage('alreadyDecided', { state: decision.status }));
    return object;
  }

  private async decide(user: UserPrincipal, request: StixObject, properties: Record<string, unknown>): Promise<ConsentView> {
    const { createdByRef, markings } = await this.decisions.common();
    const object = newExchangeObject(CONSENT_DECISION_TYPE, this.deps.clock.nowMicros(), createdByRef, {
      agreement: this.deps.profile.id, deciding_party: this.deps.party, request_ref: request.id, recipient: recipientOf(request), ...properties, object_marking_refs: markings,
    });
    await this.decisions.record(user, object, [stringProp(request, 'requesting_party') ?? '']);
    await this.refreshSoon();
    return this.get(request.id);
  }

  private async pair(id: string): Promise<{ request: PartyRecordRow; decision: PartyRecordRow | undefined }> {
    const request = await findPartyRecord(this.deps.database.db, id);
    if (!request || request.kind !== 'consent-request') throw new AccordError('not-found', consentMessage('notFound', { id }));
    const decisions = await this.decisions.list({ limit: 100_000 });
    return { request, decision: decisions.find((d) => stringProp(JSON.parse(d.body) as StixObject, 'request_ref') === id) };
  }

  private async view(row: PartyRecordRow): Promise<ConsentView> {
    const request = JSON.parse(row.body) as StixObject;
    const { decision } = await this.pair(row.id);
    const body = decision ? (JSON.parse(decision.body) as StixObject) : undefined;
    const expires = body ? stringProp(body, 'expires') : undefined;
    let state: ConsentState = body ? ((stringProp(body, 'decision_status') ?? 'pending') as ConsentState) : 'pending';
    if (state === 'granted' && expires && micros(expires) <= this.deps.clock.nowMicros()) state = 'expired';
    return {
      id: row.id, direction: row.authorParty === this.deps.party ? 'sent' : 'received', requestingParty: row.authorParty,
      originatingParty: stringProp(request, 'originating_party') ?? '', objects: refsOf(request), recipient: recipientText(recipientOf(request)),
      purpose: stringProp(request, 'purpose') ?? '', requestedUntil: stringProp(request, 'requested_until') ?? null, requested: stixTime(row.createdUs), state,
      decision: body && decision ? { id: decision.id, objects: refsOf(body), expires: expires ?? null, reasons: (body.reasons as string[] | undefined) ?? [], decided: stixTime(decision.createdUs) } : null,
    };
  }

  /** Which Party provided each object to this node (null: this node's own); absent ids are unknown here. */
  private async origins(ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.database.db.selectFrom('stixObject').select(['id', 'originParty']).where(objectIdIn('stixObject', ids)).where('isLatest', '=', 1).execute();
    return new Map(rows.map((r) => [r.id, r.originParty]));
  }
}
