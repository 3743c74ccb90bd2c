import { listPartyRecords } from '../agreement/party-records.repository.js';
import type { UserPrincipal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import type { ConsultationRecord } from '../consultations/consultation-record.js';
import { consultationsIn } from '../consultations/consultations.repository.js';
import { ACTION_RULE } from '../consultations/consultations.service.js';
import { openDeadlinesOfRule, type DeadlineRow } from '../deadlines/deadlines.repository.js';
import { NO_DUE_US, dueOf } from '../exchange/exchange-actions.js';
import type { Profile } from '../profile/profile.schema.js';
import type { ReleaseService } from '../protection/release.service.js';
import { audienceOf } from '../protection/release.service.js';
import { requestFacts } from '../requests/request-records.js';
import { requestsAwaiting, requestsOverdueElsewhere, type AssistanceRequestRow } from '../requests/requests.repository.js';
import { warningFacts } from '../warnings/warning-records.js';
import { warningsAwaiting, warningsOverdueElsewhere, type WarningRow } from '../warnings/warnings.repository.js';

/** One thing that needs the user's action (or, when another Party is late, their follow-up). */
export interface InboxItem {
  readonly kind: 'warning' | 'request' | 'consent' | 'consultation' | 'action-item';
  readonly id: string;
  readonly title: string;
  readonly action: string;
  /** The Party that owes the act: this node's own, or the other Party for a follow-up. */
  readonly party: string;
  /** The other Party of the exchange. */
  readonly peer: string;
  readonly state: string;
  readonly level: string;
  readonly due: string | null;
  readonly overdue: boolean;
  readonly followUp: boolean;
}

/** Which acts of this node's Party each permission lets a user take. */
const ownActions: ReadonlyArray<{ kind: 'warning' | 'request'; action: string; permission: Permission; direction?: 'sent' | 'received' }> = [
  { kind: 'warning', action: 'acknowledge', permission: 'warnings:acknowledge' },
  { kind: 'warning', action: 'assess', permission: 'warnings:assess' },
  { kind: 'warning', action: 'send', permission: 'warnings:send' },
  { kind: 'warning', action: 'close', permission: 'warnings:send' },
  { kind: 'request', action: 'decide', permission: 'requests:decide' },
  { kind: 'request', action: 'answer', permission: 'requests:decide' },
  { kind: 'request', action: 'clarify', permission: 'requests:decide', direction: 'received' },
  { kind: 'request', action: 'clarify', permission: 'requests:submit', direction: 'sent' },
  { kind: 'request', action: 'close', permission: 'requests:submit' },
];

/** The inbox: what needs the user's action, soonest deadline first (the dashboard's main view). */
export class InboxService {
  constructor(private readonly deps: { database: Database; clock: Clock; profile: Profile; party: string; release: ReleaseService }) {}

  async inbox(user: UserPrincipal, limit = 50): Promise<{ items: InboxItem[]; more: boolean }> {
    const { database, party, profile, clock, release } = this.deps;
    const now = clock.nowMicros();
    const allowed = ownActions.filter((a) => can(user.role, a.permission));
    const actionsOf = (kind: 'warning' | 'request') => [...new Set(allowed.filter((a) => a.kind === kind).map((a) => a.action))];
    const others = profile.parties.map((p) => p.code).filter((c) => c !== party);
    const fetch = limit + 1;
    const consulting = can(user.role, 'consultations:write');
    const [warnings, requests, lateWarnings, lateRequests, consents, consultations, actionItems] = await Promise.all([
      warningsAwaiting(database.db, { party, actions: actionsOf('warning'), authority: user.authorityRef, limit: fetch }),
      requestsAwaiting(database.db, { party, actions: actionsOf('request'), authority: user.authorityRef, limit: fetch }),
      can(user.role, 'warnings:send') ? warningsOverdueElsewhere(database.db, others, now, fetch) : Promise.resolve([]),
      can(user.role, 'requests:submit') ? requestsOverdueElsewhere(database.db, others, now, fetch) : Promise.resolve([]),
      can(user.role, 'consents:decide') ? this.consentsAwaiting() : Promise.resolve([]),
      consulting ? this.consultationsAwaiting(fetch) : Promise.resolve([]),
      consulting ? this.actionItems(others, now, fetch) : Promise.resolve([]),
    ]);
    const audience = audienceOf(user);
    const mayClarify = (r: AssistanceRequestRow) => r.nextAction !== 'clarify' || allowed.some((a) => a.action === 'clarify' && a.direction === r.direction);
    const items = [
      ...(await release.filter([...warnings, ...lateWarnings], warningFacts, audience, 'read', user)).map((w) => this.warningItem(w, now)),
      ...(await release.filter([...requests.filter(mayClarify), ...lateRequests], requestFacts, audience, 'read', user)).map((r) => this.requestItem(r, now)),
      ...consents,
      ...consultations,
      ...actionItems,
    ];
    items.sort((a, b) => (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') || a.id.localeCompare(b.id));
    return { items: items.slice(0, limit), more: items.length > limit };
  }

  /** Other Parties' consent requests about this Party's information that no decision of this Party answers yet (no deadline: they sort last). */
  private async consentsAwaiting(): Promise<InboxItem[]> {
    const { database, party } = this.deps;
    const [requests, decisions] = await Promise.all([
      listPartyRecords(database.db, { kind: 'consent-request', limit: 10_000 }),
      listPartyRecords(database.db, { kind: 'consent-decision', party, limit: 100_000 }),
    ]);
    const answered = new Set(decisions.map((d) => (JSON.parse(d.body) as { request_ref?: unknown }).request_ref));
    return requests
      .filter((r) => r.authorParty !== party && !answered.has(r.id) && (JSON.parse(r.body) as { originating_party?: unknown }).originating_party === party)
      .map((r): InboxItem => ({ kind: 'consent', id: r.id, title: r.title, action: 'decide', party, peer: r.authorParty, state: 'pending', level: 'routine', due: null, overdue: false, followUp: false }));
  }

  /** Consultations whose current terms wait for this Party's acceptance, and minutes for its approval; due when they begin. */
  private async consultationsAwaiting(limit: number): Promise<InboxItem[]> {
    const { database, party } = this.deps;
    const rows = await consultationsIn(database.db, ['proposed', 'held'], limit);
    return rows.flatMap((row): InboxItem[] => {
      const record = JSON.parse(row.record) as ConsultationRecord;
      if (!record.parties.includes(party)) return [];
      const accept = row.state === 'proposed' && record.terms.party !== party && !record.acceptedBy.includes(party);
      const approve = row.state === 'held' && record.minutes !== null && record.minutes.party !== party && !record.approvedBy.includes(party);
      if (!accept && !approve) return [];
      const peer = accept ? record.terms.party : (record.minutes?.party ?? record.proposer);
      return [{
        kind: 'consultation', id: row.id, title: row.title, action: accept ? 'accept' : 'approve', party, peer, state: row.state, level: record.kind,
        due: accept ? dueOf(row.startsUs) : null, overdue: false, followUp: false,
      }];
    });
  }

  /** Action items of consultations this Party owns, and other Parties' that are late (to follow up). */
  private async actionItems(others: readonly string[], now: number, limit: number): Promise<InboxItem[]> {
    const { database, party } = this.deps;
    const [own, late] = await Promise.all([
      openDeadlinesOfRule(database.db, ACTION_RULE, [party], limit),
      openDeadlinesOfRule(database.db, ACTION_RULE, others, limit, now),
    ]);
    return [...own, ...late].map((d: DeadlineRow): InboxItem => ({
      kind: 'action-item', id: d.subjectId.split('#')[0] ?? d.subjectId, title: d.subjectTitle ?? d.subjectId, action: 'complete', party: d.party,
      peer: d.party === party ? (d.subjectOrigin ?? party) : d.party, state: d.state, level: 'routine', due: dueOf(d.dueUs), overdue: d.dueUs < now, followUp: d.party !== party,
    }));
  }

  private warningItem(w: WarningRow, now: number): InboxItem {
    const due = w.actionDueUs ?? NO_DUE_US;
    return {
      kind: 'warning', id: w.id, title: w.title, action: w.nextAction ?? '', party: w.actionParty ?? '', peer: w.direction === 'received' ? w.senderParty : (w.actionParty ?? ''),
      state: w.state, level: w.severity, due: dueOf(w.actionDueUs), overdue: due < now, followUp: w.actionParty !== this.deps.party,
    };
  }

  private requestItem(r: AssistanceRequestRow, now: number): InboxItem {
    const due = r.actionDueUs ?? NO_DUE_US;
    return {
      kind: 'request', id: r.id, title: r.title, action: r.nextAction ?? '', party: r.actionParty ?? '', peer: r.direction === 'received' ? r.requesterParty : r.addresseeParty,
      state: r.state, level: r.urgency, due: dueOf(r.actionDueUs), overdue: due < now, followUp: r.actionParty !== this.deps.party,
    };
  }
}
