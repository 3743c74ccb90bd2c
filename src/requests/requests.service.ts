import type { UserPrincipal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import { deadlineView } from '../deadlines/deadlines.service.js';
import { AccordError } from '../errors/errors.js';
import { micros, stringList } from '../exchange/exchange-objects.js';
import { historyOf } from '../exchange/workflow-history.repository.js';
import { isLocale } from '../i18n/locale.js';
import { latestOf } from '../objects/objects.repository.js';
import type { StixObject } from '../objects/object-row.js';
import { audienceOf } from '../protection/release.service.js';
import { checkPartyFilter } from '../profile/party-filter.js';
import { historyView } from '../warnings/warning-views.js';
import { stepRules } from './request-lifecycle.js';
import { checkRequestInput, checkStepInput, requestObject, stepObject, type RequestInput, type StepInput } from './request-objects.js';
import { RequestRecords, requestFacts, type RequestsDeps } from './request-records.js';
import { applyStep, sideOf, stepRefusal } from './request-steps.js';
import { requestDetail, requestSummary, stepView, type RequestDetail, type RequestSummary } from './request-views.js';
import { requestsMessage } from './requests.messages.js';
import { findRequest, insertRequest, listRequests, type AssistanceRequestRow, type RequestFilter } from './requests.repository.js';

/** Requests for assistance: submitting, every step of either side, listing and the full record. */
export class RequestsService {
  readonly records: RequestRecords;

  constructor(private readonly deps: RequestsDeps) {
    this.records = new RequestRecords(deps);
  }

  private require(user: UserPrincipal, permission: Permission, action: string): void {
    if (!can(user.role, permission)) throw new AccordError('forbidden', requestsMessage('permission', { role: user.role, action }));
  }

  private async mustFind(id: string): Promise<AssistanceRequestRow> {
    const row = await findRequest(this.deps.database.db, id);
    if (!row) throw new AccordError('not-found', requestsMessage('notFound', { id }));
    return row;
  }

  /** Submits a request to the requested Party (its first and only version; steps follow as their own objects). */
  async submit(user: UserPrincipal, input: RequestInput): Promise<RequestDetail> {
    this.require(user, 'requests:submit', 'submit');
    const { profile, party, clock, database } = this.deps;
    const now = clock.nowMicros();
    const own = profile.parties.find((p) => p.code === party)?.defaultLocale ?? 'en';
    const request = checkRequestInput(profile, party, input, isLocale(user.locale) ? user.locale : own, now);
    const object = requestObject(request, profile.id, party, await this.deps.authorityRef(), now, await this.deps.sender.governingStamp(now));
    await this.deps.sender.send([object], [request.addressee.party], user);
    const submittedUs = micros(object.created);
    await database.db.transaction().execute(async (trx) => {
      await insertRequest(trx, {
        id: object.id, direction: 'sent', requesterParty: party, addresseeParty: request.addressee.party, addresseeAuthority: request.addressee.authorityRef ?? null,
        state: 'submitted', urgency: request.urgency, threatCategory: request.threatCategory, title: request.title, lang: request.lang, tlp: request.tlp,
        legalBasis: JSON.stringify(request.legalBasis), versionUs: submittedUs, submittedUs, receivedUs: null, decidedUs: null, answeredUs: null, closedUs: null,
        respondByUs: request.respondByUs ?? null, clarificationParty: null, clarificationStep: null, createdBy: user.name, createdUs: now, updatedUs: now,
        nextAction: null, actionParty: null, actionAuthority: null, actionDueUs: null,
      });
      const locked = await this.records.lock(trx, object.id);
      if (!locked) return;
      const row = await this.records.refresh(trx, locked);
      await this.records.schedule(trx, row);
      await this.records.history(trx, [{ subjectId: object.id, atUs: now, kind: 'submitted', party, actor: user.name, objectId: object.id, objectVersionUs: submittedUs, detail: JSON.stringify({ to: request.addressee.party }) }]);
    });
    this.records.publish('submitted', await this.mustFind(object.id), { to: request.addressee.party });
    return this.get(user, object.id);
  }

  /** Takes one step on a request, on this Party's side; the step object goes to the other Party. */
  async step(user: UserPrincipal, id: string, input: StepInput): Promise<RequestDetail> {
    checkStepInput(input);
    const row = await this.mustFind(id);
    const { party } = this.deps;
    const side = sideOf(row, party);
    this.require(user, side === 'requester' ? 'requests:submit' : 'requests:decide', input.kind);
    this.checkAuthority(user, row, side);
    this.refuseIfNotAllowed(row, input, party);
    const object = stepObject(id, input, party, user.name, await this.deps.authorityRef(), this.deps.clock.nowMicros(), await this.requestMarkings(id));
    const other = side === 'requester' ? row.addresseeParty : row.requesterParty;
    await this.deps.sender.send([object], [other], user);
    const updated = await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, id);
      if (!locked) return undefined;
      return applyStep(this.records, trx, locked, object, party, user.name);
    });
    if (updated) this.records.publish(`step.${input.kind}`, updated, { party, step: object.id });
    return this.get(user, id);
  }

  private checkAuthority(user: UserPrincipal, row: AssistanceRequestRow, side: string | undefined): void {
    if (side === 'addressee' && row.addresseeAuthority && user.authorityRef && row.addresseeAuthority !== user.authorityRef)
      throw new AccordError('forbidden', requestsMessage('notYours', { role: requestsMessage('addressee'), id: row.id, party: row.addresseeAuthority, step: 'act' }));
  }

  private refuseIfNotAllowed(row: AssistanceRequestRow, input: StepInput, party: string): void {
    const refusal = stepRefusal(row, input.kind, party);
    if (refusal === 'not-yours') {
      const by = stepRules[input.kind].by;
      const owner = by === 'requester' ? row.requesterParty : row.addresseeParty;
      throw new AccordError('forbidden', requestsMessage('notYours', { role: requestsMessage(by === 'requester' ? 'requester' : 'addressee'), id: row.id, party: owner, step: input.kind }));
    }
    if (refusal === 'wrong-state') throw new AccordError('conflict', requestsMessage('wrongState', { id: row.id, state: row.state, step: input.kind }));
    if (refusal === 'no-clarification') throw new AccordError('conflict', requestsMessage('noOpenClarification', { id: row.id, party }));
  }

  private async requestMarkings(id: string): Promise<string[]> {
    const [row] = await latestOf(this.deps.database.db, [id]);
    return row ? stringList((JSON.parse(row.body) as StixObject).object_marking_refs) : [];
  }

  /** Requests this user may see, most recently changed first. */
  async list(user: UserPrincipal, filter: RequestFilter): Promise<{ items: RequestSummary[]; next?: string }> {
    checkPartyFilter(this.deps.profile, filter.party);
    const rows = await listRequests(this.deps.database.db, filter);
    const released = await this.deps.release.filter(rows, requestFacts, audienceOf(user), 'search', user);
    const last = rows.at(-1);
    return { items: released.map(requestSummary), ...(rows.length === filter.limit && last ? { next: String(last.updatedUs) } : {}) };
  }

  /** One request with its deadlines, every step and the full history. */
  async get(user: UserPrincipal, id: string): Promise<RequestDetail> {
    const { database, release, deadlines } = this.deps;
    const row = await this.mustFind(id);
    const [released] = await release.filter([row], requestFacts, audienceOf(user), 'read', user);
    if (!released) throw new AccordError('not-found', requestsMessage('notFound', { id }));
    const [deadlineRows, history] = await Promise.all([deadlines.forSubjects([id]), historyOf(database.db, id)]);
    const stepIds = history.filter((e) => e.kind.startsWith('step:') && e.objectId).map((e) => e.objectId ?? '');
    const objects = await latestOf(database.db, [id, ...stepIds]);
    const byId = new Map(objects.map((o) => [o.id, JSON.parse(o.body) as StixObject]));
    const steps = history.filter((e) => e.kind.startsWith('step:')).flatMap((e) => {
      const object = e.objectId ? byId.get(e.objectId) : undefined;
      return object ? [stepView(object, e)] : [];
    });
    return requestDetail(row, byId.get(id), { deadlines: deadlineRows.map(deadlineView), steps, history: history.map(historyView) });
  }
}

