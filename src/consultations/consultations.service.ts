import type { Logger } from 'pino';
import type { UserPrincipal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import { deadlineView, type DeadlinesService, type DeadlineView } from '../deadlines/deadlines.service.js';
import { AccordError } from '../errors/errors.js';
import type { EventBus } from '../events/event-bus.js';
import { CONSULTATION_TYPE } from '../exchange/exchange-ids.js';
import type { ConsultationStepKind } from '../exchange/exchange-kinds.js';
import { micros, stixTime, stringProp } from '../exchange/exchange-objects.js';
import type { ExchangeSender } from '../exchange/exchange-sender.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { StixObject } from '../objects/object-row.js';
import { shiftDate, startOfLegalDay } from '../profile/legal-time.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { checkDates, regularSchedule, venueDate, windowFor, type PlannedWindow, type RegularHeld } from './consultation-plan.js';
import { applyStep, proposalRecord, stepRefusal, termsOf, type ConsultationRecord } from './consultation-record.js';
import { checkAgendaLinks, checkParties, CONSULTATION_TLP, proposalObject, stepObject, type ConsultationStepInput, type ProposeInput } from './consultation-objects.js';
import { consultationsMessage } from './consultations.messages.js';
import { findConsultation, listConsultations, lockConsultation, overlapping, saveConsultation, type ConsultationFilter, type ConsultationRow } from './consultations.repository.js';

export const ACTION_RULE = 'consultation.action';

export interface ConsultationsDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly profile: Profile;
  readonly party: string;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly deadlines: DeadlinesService;
  readonly sender: ExchangeSender;
  readonly notifications: NotificationsService;
  readonly authorityRef: () => Promise<string>;
}

/** A consultation as the API shows it. */
export interface ConsultationView extends ConsultationRecord {
  readonly id: string;
  /** First and last day at the venue. */
  readonly localDates: { start: string; end: string };
  readonly actionItems: Array<{ code: string; title: string; ownerParty: string; owner: string | null; dueOn: string; done: { at: string; by: string } | null; deadline: DeadlineView | null }>;
}

const iso = (us: number): string => stixTime(us);

export function consultationView(row: ConsultationRow, deadlines: readonly DeadlineView[] = [], subjectOf: (code: string) => string = (c) => c): ConsultationView {
  const record = JSON.parse(row.record) as ConsultationRecord;
  const byId = new Map(deadlines.map((d) => [d.id, d]));
  return {
    id: row.id, ...record,
    localDates: { start: venueDate(record.terms.startsAt, record.terms.timeZone), end: venueDate(record.terms.endsAt, record.terms.timeZone) },
    actionItems: (record.minutes?.actionItems ?? []).map((a) => ({
      ...a, done: record.done[a.code] ?? null, deadline: byId.get(`${ACTION_RULE}:${subjectOf(a.code)}:${a.ownerParty}`) ?? null,
    })),
  };
}

/** Consultations (Art. 5(4)): the regular schedule, proposals, counter-proposals, acceptances, minutes and action items. */
export class ConsultationsService {
  constructor(readonly deps: ConsultationsDeps) {}

  private require(user: UserPrincipal, permission: Permission, action: string): void {
    if (!can(user.role, permission)) throw new AccordError('forbidden', consultationsMessage('permission', { role: user.role, action }));
  }

  private async mustFind(id: string): Promise<ConsultationRow> {
    const row = await findConsultation(this.deps.database.db, id);
    if (!row) throw new AccordError('not-found', consultationsMessage('notFound', { id }));
    return row;
  }

  private async regularHeld(): Promise<RegularHeld[]> {
    const rows = await listConsultations(this.deps.database.db, { kind: 'regular', limit: 10_000 });
    return rows.filter((r) => r.state !== 'cancelled').map((r) => {
      const record = JSON.parse(r.record) as ConsultationRecord;
      return { id: r.id, title: r.title, state: r.state, host: r.hostParty, startsAt: record.terms.startsAt, timeZone: record.terms.timeZone };
    });
  }

  /** The regular consultation windows ahead, with the host of each and what is planned in it. */
  async schedule(from: string | undefined, years: number | undefined): Promise<{ provision: string; perYear: number; rotation: string[]; windows: PlannedWindow[] }> {
    const { profile, clock } = this.deps;
    const start = from ?? iso(clock.nowMicros()).slice(0, 10);
    const regular = profile.consultations.regular;
    return { provision: regular.provision, perYear: regular.perYear, rotation: [...regular.hostRotation], windows: regularSchedule(profile, start, years ?? 2, await this.regularHeld()) };
  }

  /** Proposes consultations to the other Parties taking part; regular ones must fit the schedule's window and host. */
  async propose(user: UserPrincipal, input: ProposeInput): Promise<ConsultationView> {
    this.require(user, 'consultations:write', 'propose');
    const { profile, party, clock } = this.deps;
    const kind = input.kind ?? 'extraordinary';
    const parties = input.parties ?? profile.parties.map((p) => p.code);
    checkParties(profile, [...parties, ...(input.host ? [input.host] : [])]);
    if (!parties.includes(party)) throw new AccordError('bad-request', consultationsMessage('notParticipant', { party, id: '—' }));
    if (input.agenda.length === 0) throw new AccordError('bad-request', consultationsMessage('noAgenda'));
    checkAgendaLinks(input.agenda);
    const held = await this.regularHeld();
    const provisionalZone = input.timeZone ?? findParty(profile, input.host ?? party)?.timeZone ?? 'UTC';
    checkDates(input.startsAt, input.endsAt, provisionalZone, clock.nowMicros() / 1000);
    const window = kind === 'regular' ? windowFor(profile, input.startsAt, provisionalZone, held) : undefined;
    const host = input.host ?? window?.host ?? party;
    if (window && host !== window.host) throw new AccordError('conflict', consultationsMessage('wrongHost', { start: window.start, end: window.end, host: window.host, given: host }));
    if (window && venueDate(input.endsAt, provisionalZone) > window.end) throw new AccordError('conflict', consultationsMessage('notInWindow', { start: window.start, end: window.end, host: window.host }));
    if (!parties.includes(host)) throw new AccordError('bad-request', consultationsMessage('hostNotParticipant', { host }));
    const timeZone = input.timeZone ?? findParty(profile, host)?.timeZone ?? 'UTC';
    await this.refuseOverlap(input.startsAt, input.endsAt, null);
    const now = clock.nowMicros();
    const object = proposalObject(profile, { ...input, kind, host, parties, timeZone }, party, await this.deps.authorityRef(), now, await this.deps.sender.governingStamp(now));
    await this.deps.sender.send([object], parties.filter((p) => p !== party), user);
    const row = await this.store(object, proposalRecord(object));
    this.publish('proposed', row);
    return this.get(row.id);
  }

  private async refuseOverlap(startsAt: string, endsAt: string, exceptId: string | null): Promise<void> {
    const [clash] = await overlapping(this.deps.database.db, Date.parse(startsAt) * 1000, Date.parse(endsAt) * 1000, exceptId);
    if (clash) throw new AccordError('conflict', consultationsMessage('overlap', { id: clash.id, start: iso(clash.startsUs), end: iso(clash.endsUs) }));
  }

  private async store(object: StixObject, record: ConsultationRecord): Promise<ConsultationRow> {
    const now = this.deps.clock.nowMicros();
    const row: ConsultationRow = {
      id: object.id, kind: record.kind, state: record.state, proposerParty: record.proposer, hostParty: record.host, title: record.title,
      startsUs: Date.parse(record.terms.startsAt) * 1000, endsUs: Date.parse(record.terms.endsAt) * 1000, createdUs: micros(object.created), updatedUs: now, record: JSON.stringify(record),
    };
    await saveConsultation(this.deps.database.db, row);
    return row;
  }

  /** Takes a step on a consultation for this node's Party and sends it to the other Parties taking part. */
  async step(user: UserPrincipal, id: string, input: ConsultationStepInput): Promise<ConsultationView> {
    this.require(user, 'consultations:write', input.kind);
    const { profile, party, clock } = this.deps;
    const row = await this.mustFind(id);
    const record = JSON.parse(row.record) as ConsultationRecord;
    const acceptsRef = input.acceptsRef ?? (input.kind === 'acceptance' ? record.terms.ref : input.kind === 'minutes-approval' ? record.minutes?.ref : undefined);
    const refusal = stepRefusal(id, record, input.kind, party, { acceptsRef, actionCode: input.actionCode });
    if (refusal) throw new AccordError(record.parties.includes(party) ? 'conflict' : 'forbidden', refusal);
    this.checkStepInput(id, record, input);
    const object = stepObject(profile, id, { ...input, acceptsRef }, record.terms, party, user.name, await this.deps.authorityRef(), clock.nowMicros());
    await this.deps.sender.send([object], record.parties.filter((p) => p !== party), user);
    const updated = await this.apply(id, object, party, user.name);
    return this.get(updated?.id ?? id);
  }

  private checkStepInput(id: string, record: ConsultationRecord, input: ConsultationStepInput): void {
    const now = this.deps.clock.nowMicros() / 1000;
    if (input.kind === 'counter-proposal') {
      if (!input.startsAt || !input.endsAt || !input.place || !input.agenda?.length) throw new AccordError('bad-request', consultationsMessage('noAgenda'));
      checkDates(input.startsAt, input.endsAt, input.timeZone ?? record.terms.timeZone, now);
      checkAgendaLinks(input.agenda);
    }
    // Minutes record what happened: not before the consultation has begun.
    if (input.kind === 'minutes' && now < Date.parse(record.terms.startsAt)) throw new AccordError('conflict', consultationsMessage('minutesEarly', { id, start: record.terms.startsAt }));
    if (input.kind === 'minutes') {
      checkParties(this.deps.profile, [...(input.attendance ?? []).map((a) => a.party), ...(input.actionItems ?? []).map((a) => a.ownerParty)]);
      for (const item of input.actionItems ?? []) if (!record.parties.includes(item.ownerParty)) throw new AccordError('bad-request', consultationsMessage('notParticipant', { party: item.ownerParty, id }));
    }
  }

  /** Applies a checked step in one transaction with its deadlines; returns the row, or undefined if the step no longer fits. */
  private async apply(id: string, object: StixObject, party: string, actor: string): Promise<ConsultationRow | undefined> {
    const { database } = this.deps;
    const kind = object.step_kind as ConsultationStepKind;
    const row = await database.db.transaction().execute(async (trx) => {
      const locked = await lockConsultation(trx, id, database.dialect === 'postgres');
      if (!locked) return undefined;
      const before = JSON.parse(locked.record) as ConsultationRecord;
      if (before.steps.some((s) => s.id === object.id)) return undefined;
      if (stepRefusal(id, before, kind, party, { acceptsRef: stringProp(object, 'accepts_ref'), actionCode: stringProp(object, 'action_code') })) return undefined;
      const after = applyStep(before, object, party, actor, stixTime(micros(object.created)));
      await this.trackActions(trx, id, before, after, object);
      const next: ConsultationRow = {
        ...locked, state: after.state, startsUs: Date.parse(after.terms.startsAt) * 1000, endsUs: Date.parse(after.terms.endsAt) * 1000,
        updatedUs: this.deps.clock.nowMicros(), record: JSON.stringify(after),
      };
      await saveConsultation(trx, next);
      return next;
    });
    if (row) this.publish(`step.${kind}`, row, { party, step: object.id });
    return row;
  }

  private async trackActions(trx: Executor, id: string, before: ConsultationRecord, after: ConsultationRecord, object: StixObject): Promise<void> {
    const { deadlines, profile } = this.deps;
    if (object.step_kind === 'action-completed') {
      await deadlines.meet(trx, `${id}#${String(object.action_code)}`);
      return;
    }
    if (object.step_kind === 'cancellation') {
      for (const item of before.minutes?.actionItems ?? []) await deadlines.cancel(trx, `${id}#${item.code}`);
      return;
    }
    if (object.step_kind !== 'minutes' || !after.minutes) return;
    const kept = new Set(after.minutes.actionItems.map((a) => a.code));
    for (const item of before.minutes?.actionItems ?? []) if (!kept.has(item.code)) await deadlines.cancel(trx, `${id}#${item.code}`);
    for (const item of after.minutes.actionItems) {
      const zone = findParty(profile, item.ownerParty)?.timeZone ?? 'UTC';
      await deadlines.schedule(trx, {
        rule: ACTION_RULE, subjectKind: 'consultation', subjectId: `${id}#${item.code}`, subjectType: CONSULTATION_TYPE, subjectTlp: CONSULTATION_TLP,
        subjectOrigin: after.proposer === this.deps.party ? null : after.proposer, subjectTitle: item.title, party: item.ownerParty,
        // The last microsecond of the due day, so the deadline's legal date is the due day itself.
        startUs: micros(object.created), dueUs: startOfLegalDay(shiftDate(item.dueOn, 1), zone).getTime() * 1000 - 1,
        provision: profile.consultations.regular.provision, basis: 'agreement',
      });
    }
  }

  /** A proposal a peer sent (kept once; proposals are never revised: counter-proposals are steps). */
  readonly proposalArrived = async (object: StixObject, from: string): Promise<void> => {
    const { profile, party, database, logger } = this.deps;
    const record = proposalRecord(object);
    const why = object.agreement !== profile.id ? `agreement ${String(object.agreement)}`
      : record.proposer !== from ? 'proposing_party is not the sender'
        : !findParty(profile, from) ? `${from} is not a Party`
          : !record.parties.includes(party) ? `${party} does not take part` : undefined;
    if (why) return logger.warn({ id: object.id, from, why }, 'consultation proposal ignored');
    if (await findConsultation(database.db, object.id)) return;
    const row = await this.store(object, { ...record, terms: termsOf(object, from) });
    this.publish('proposed', row, { from });
    await this.deps.notifications.notify([{ kind: 'consultation.proposed', subjectKind: 'consultation', subjectId: row.id, permission: 'consultations:write', params: { party: from, title: row.title } }]);
  };

  /** A step a peer took. */
  readonly stepArrived = async (object: StixObject, from: string): Promise<void> => {
    const id = stringProp(object, 'consultation_ref') ?? '';
    if (object.acting_party !== from) return this.deps.logger.warn({ id: object.id, from }, 'consultation step ignored: acting_party is not the sender');
    const row = await findConsultation(this.deps.database.db, id);
    if (!row) return this.deps.logger.warn({ id: object.id, from }, `consultation step ignored: no consultation ${id}`);
    const record = JSON.parse(row.record) as ConsultationRecord;
    const refusal = stepRefusal(id, record, object.step_kind as ConsultationStepKind, from, { acceptsRef: stringProp(object, 'accepts_ref'), actionCode: stringProp(object, 'action_code') });
    if (refusal && !record.steps.some((s) => s.id === object.id)) return this.deps.logger.warn({ id: object.id, from, why: refusal.text('en') }, 'consultation step ignored');
    const applied = await this.apply(id, object, from, `peer:${from}`);
    if (applied) {
      await this.deps.notifications.notify([{
        kind: 'consultation.step', subjectKind: 'consultation', subjectId: id, permission: 'consultations:write', params: { party: from, title: applied.title, step: String(object.step_kind) },
      }]);
    }
  };

  async list(filter: ConsultationFilter): Promise<ConsultationView[]> {
    const rows = await listConsultations(this.deps.database.db, filter);
    return rows.map((r) => consultationView(r));
  }

  async get(id: string): Promise<ConsultationView> {
    const row = await this.mustFind(id);
    const record = JSON.parse(row.record) as ConsultationRecord;
    const subjects = (record.minutes?.actionItems ?? []).map((a) => `${id}#${a.code}`);
    const deadlines = subjects.length ? await this.deps.deadlines.forSubjects(subjects) : [];
    return consultationView(row, deadlines.map(deadlineView), (code) => `${id}#${code}`);
  }

  private publish(change: string, row: ConsultationRow, data: Record<string, unknown> = {}): void {
    this.deps.events.publish({
      type: `consultation.${change}`,
      at: iso(this.deps.clock.nowMicros()),
      object: { id: row.id, type: CONSULTATION_TYPE, tlp: CONSULTATION_TLP, originParty: row.proposerParty === this.deps.party ? null : row.proposerParty, markingRefs: [TLP2_MARKING_IDS[CONSULTATION_TLP]] },
      data: { id: row.id, state: row.state, ...data },
    });
  }
}
