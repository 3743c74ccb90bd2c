import type { ReceiptItem } from '../exchange/exchange-dispatcher.js';
import type { StepKind } from '../exchange/exchange-kinds.js';
import { micros, stringProp } from '../exchange/exchange-objects.js';
import { hasObjectEvent } from '../exchange/workflow-history.repository.js';
import type { StixObject } from '../objects/object-row.js';
import { requestFacts } from './request-objects.js';
import type { RequestRecords } from './request-records.js';
import { applyStep, stepRefusal } from './request-steps.js';
import { findRequest, insertRequest } from './requests.repository.js';

/**
 * What a peer's node sends about requests for assistance, applied to this node's records: new
 * requests to this Party, steps by the other side, and receipts for what this Party sent.
 */
export class RequestArrivals {
  constructor(private readonly records: RequestRecords) {}

  private get deps() {
    return this.records.deps;
  }

  private ignore(object: StixObject, from: string, why: string): void {
    this.deps.logger.warn({ id: object.id, from, why }, 'request object ignored');
  }

  /** A request made to this Party. */
  readonly request = async (object: StixObject, from: string): Promise<void> => {
    const { profile, party, database, clock } = this.deps;
    const facts = requestFacts(object);
    if (facts.requesterParty !== from) return this.ignore(object, from, 'requesting_party is not the Party that sent it');
    if (facts.addresseeParty !== party) return this.ignore(object, from, `not addressed to ${party}`);
    if (object.agreement !== profile.id) return this.ignore(object, from, `agreement ${String(object.agreement)} is not ${profile.id}`);
    if (await findRequest(database.db, object.id)) return;
    const now = clock.nowMicros();
    const versionUs = micros(object.modified);
    const row = await database.db.transaction().execute(async (trx) => {
      await insertRequest(trx, {
        id: object.id, direction: 'received', requesterParty: from, addresseeParty: party, addresseeAuthority: facts.addresseeAuthority, state: 'received',
        urgency: facts.urgency, threatCategory: facts.threatCategory, title: facts.title, lang: facts.lang, tlp: facts.tlp, legalBasis: JSON.stringify(facts.legalBasis),
        versionUs, submittedUs: micros(object.created), receivedUs: now, decidedUs: null, answeredUs: null, closedUs: null, respondByUs: facts.respondByUs,
        clarificationParty: null, clarificationStep: null, createdBy: null, createdUs: now, updatedUs: now, nextAction: null, actionParty: null, actionAuthority: null, actionDueUs: null,
      });
      const locked = await this.records.lock(trx, object.id);
      if (!locked) return undefined;
      const stored = await this.records.refresh(trx, locked);
      await this.records.schedule(trx, stored);
      await this.records.history(trx, [{ subjectId: object.id, atUs: now, kind: 'received', party: from, actor: `peer:${from}`, objectId: object.id, objectVersionUs: versionUs, detail: null }]);
      return stored;
    });
    if (!row) return;
    this.records.publish('received', row, { from });
    await this.deps.notifications.notify([{ kind: 'request.received', subjectKind: 'request', subjectId: row.id, permission: 'requests:decide', params: { party: from, title: row.title, urgency: row.urgency } }]);
  };

  /** A step the other side took. */
  readonly step = async (object: StixObject, from: string): Promise<void> => {
    const requestId = stringProp(object, 'request_ref') ?? '';
    const kind = object.step_kind as StepKind;
    if (object.acting_party !== from) return this.ignore(object, from, 'acting_party is not the Party that sent it');
    const { database } = this.deps;
    const existing = await findRequest(database.db, requestId);
    if (!existing) return this.ignore(object, from, `no request ${requestId}`);
    if (await hasObjectEvent(database.db, requestId, object.id, micros(object.modified))) return;
    const refusal = stepRefusal(existing, kind, from);
    if (refusal) return this.ignore(object, from, `${kind} refused: ${refusal} (state ${existing.state})`);
    const row = await database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, requestId);
      return locked ? applyStep(this.records, trx, locked, object, from, `peer:${from}`) : undefined;
    });
    if (!row) return;
    this.records.publish(`step.${kind}`, row, { party: from, step: object.id });
    await this.deps.notifications.notify([{
      kind: 'request.step', subjectKind: 'request', subjectId: row.id, permission: row.direction === 'sent' ? 'requests:submit' : 'requests:decide',
      params: { party: from, title: row.title, step: kind },
    }]);
  };

  /** A signed receipt: the requested Party's node stored the request; its response deadline runs from now. */
  readonly receipt = async (party: string, items: readonly ReceiptItem[], atUs: number): Promise<void> => {
    for (const item of items) {
      if (item.status === 'rejected') continue;
      const existing = await findRequest(this.deps.database.db, item.id);
      if (!existing || existing.direction !== 'sent' || existing.addresseeParty !== party || existing.receivedUs !== null) continue;
      const row = await this.deps.database.db.transaction().execute(async (trx) => {
        const locked = await this.records.lock(trx, item.id);
        if (!locked || locked.receivedUs !== null) return undefined;
        const stored = await this.records.refresh(trx, locked, { receivedUs: atUs, state: locked.state === 'submitted' ? 'received' : locked.state });
        await this.records.schedule(trx, stored);
        await this.records.history(trx, [{ subjectId: item.id, atUs, kind: 'received', party, actor: 'system', objectId: item.id, objectVersionUs: item.version ? micros(item.version) : null, detail: null }]);
        return stored;
      });
      if (row) this.records.publish('received', row, { party });
    }
  };
}
