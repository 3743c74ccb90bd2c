import type { Executor } from '../db/database.js';
import type { ReceiptItem } from '../exchange/exchange-dispatcher.js';
import { ASSESSMENT_EXTENSION_ID } from '../exchange/exchange-ids.js';
import { micros, stringList, stringProp } from '../exchange/exchange-objects.js';
import { hasObjectEvent } from '../exchange/workflow-history.repository.js';
import type { StixObject } from '../objects/object-row.js';
import type { NotificationKey } from '../notifications/notifications.messages.js';
import { isEnded } from './warning-lifecycle.js';
import { warningFacts as objectFacts } from './warning-objects.js';
import { ACK_RULE, type WarningRecords } from './warning-records.js';
import { assessmentsOf, findWarning, insertWarning, partiesOf, updateWarningParty, upsertAssessment, type WarningRow } from './warnings.repository.js';
import type { WarningState } from './warnings.tables.js';

const stateOfStatus: Record<string, WarningState> = { withdrawn: 'withdrawn', closed: 'closed' };

/**
 * What a peer's node sends about early warnings, applied to this node's records: warnings
 * addressed to this Party (new, updated, withdrawn, closed), acknowledgements and assessments
 * of warnings this Party sent, translations, and delivery receipts. Every handler is idempotent.
 */
export class WarningArrivals {
  constructor(private readonly records: WarningRecords) {}

  private get deps() {
    return this.records.deps;
  }

  private ignore(object: StixObject, from: string, why: string): void {
    this.deps.logger.warn({ id: object.id, from, why }, 'early-warning object ignored');
  }

  /** A warning version from its sender. */
  readonly warning = async (object: StixObject, from: string): Promise<void> => {
    const { profile, party, database } = this.deps;
    const facts = objectFacts(object);
    if (facts.senderParty !== from) return this.ignore(object, from, `sending_party ${facts.senderParty} is not the Party that sent it`);
    if (object.agreement !== profile.id) return this.ignore(object, from, `agreement ${String(object.agreement)} is not ${profile.id}`);
    const mine = facts.addressees.find((a) => a.party === party);
    if (!mine) return this.ignore(object, from, `not addressed to ${party}`);
    const versionUs = micros(object.modified);
    const existing = await findWarning(database.db, object.id);
    if (existing && (existing.direction !== 'received' || (existing.versionUs ?? 0) >= versionUs)) return;
    let kind = 'received';
    const row = await database.db.transaction().execute(async (trx) => {
      if (!existing) return this.insertReceived(trx, object, from, facts, versionUs);
      const locked = await this.records.lock(trx, object.id);
      if (!locked || isEnded(locked.state)) return locked;
      kind = facts.status === 'active' ? 'updated' : facts.status;
      return this.applyVersion(trx, locked, object, kind, facts, versionUs);
    });
    if (!row) return;
    this.records.publish(kind, row, { from });
    await this.deps.notifications.notify([{
      kind: `warning.${kind}` as NotificationKey, subjectKind: 'warning', subjectId: row.id, permission: 'warnings:acknowledge',
      params: { party: from, title: row.title, severity: row.severity },
    }]);
  };

  private async insertReceived(trx: Executor, object: StixObject, from: string, facts: ReturnType<typeof objectFacts>, versionUs: number): Promise<WarningRow | undefined> {
    const { party, clock } = this.deps;
    const now = clock.nowMicros();
    const ended = stateOfStatus[facts.status];
    const sentUs = micros(object.created);
    await insertWarning(trx, {
      id: object.id, direction: 'received', senderParty: from, state: ended ?? 'delivered', severity: facts.severity, threatCategory: facts.threatCategory,
      title: facts.title, lang: facts.lang, tlp: facts.tlp, addressees: JSON.stringify(facts.addressees), draft: null, versionUs, sentUs, deliveredUs: now,
      acknowledgedUs: null, assessedUs: null, closedUs: facts.status === 'closed' ? now : null, withdrawnUs: facts.status === 'withdrawn' ? now : null,
      createdBy: null, createdUs: now, updatedUs: now, nextAction: null, actionParty: null, actionAuthority: null, actionDueUs: null,
    }, facts.addressees.map((a) => ({
      warningId: object.id, party: a.party, authorityRef: a.authorityRef ?? null, state: a.party === party ? ('delivered' as const) : ('sent' as const),
      deliveredUs: a.party === party ? now : null, acknowledgedUs: null, ackObjectId: null, acknowledgedBy: null,
    })));
    const locked = await this.records.lock(trx, object.id);
    if (!locked) return undefined;
    const row = await this.records.refresh(trx, locked);
    if (!ended) await this.records.scheduleAck(trx, row, party);
    await this.records.history(trx, [{ subjectId: object.id, atUs: now, kind: 'received', party: from, actor: `peer:${from}`, objectId: object.id, objectVersionUs: versionUs, detail: null }]);
    return row;
  }

  private async applyVersion(trx: Executor, locked: WarningRow, object: StixObject, kind: string, facts: ReturnType<typeof objectFacts>, versionUs: number): Promise<WarningRow> {
    const { party, clock } = this.deps;
    const now = clock.nowMicros();
    const changes: Partial<WarningRow> = { versionUs, title: facts.title, severity: facts.severity, threatCategory: facts.threatCategory, lang: facts.lang, tlp: facts.tlp };
    if (kind === 'withdrawn') Object.assign(changes, { state: 'withdrawn', withdrawnUs: now });
    if (kind === 'closed') Object.assign(changes, { state: 'closed', closedUs: now });
    const row = await this.records.refresh(trx, locked, changes);
    if (kind === 'updated' && row.state === 'delivered') await this.records.scheduleAck(trx, row, party);
    if (kind !== 'updated') await this.deps.deadlines.cancel(trx, row.id);
    const reason = stringProp(object, 'status_reason');
    await this.records.history(trx, [{ subjectId: row.id, atUs: now, kind, party: row.senderParty, actor: `peer:${row.senderParty}`, objectId: row.id, objectVersionUs: versionUs, detail: reason ? JSON.stringify({ reason }) : null }]);
    return row;
  }

  /** An acknowledgement of a warning this Party sent. */
  readonly acknowledgement = async (object: StixObject, from: string): Promise<void> => {
    const warningId = stringProp(object, 'warning_ref') ?? '';
    if (object.acknowledging_party !== from) return this.ignore(object, from, 'acknowledging_party is not the Party that sent it');
    const row = await findWarning(this.deps.database.db, warningId);
    if (!row || row.direction !== 'sent') return this.ignore(object, from, `no warning ${warningId} sent by this node`);
    const at = micros(object.created);
    const updated = await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, warningId);
      const addressee = (await partiesOf(trx, [warningId])).find((p) => p.party === from);
      if (!locked || !addressee || addressee.ackObjectId) return undefined;
      await updateWarningParty(trx, warningId, from, {
        state: addressee.state === 'assessed' ? 'assessed' : 'acknowledged', acknowledgedUs: at, ackObjectId: object.id,
        acknowledgedBy: stringProp(object, 'acknowledged_by') ?? null, deliveredUs: addressee.deliveredUs ?? at,
      });
      const next = await this.records.refresh(trx, locked, { acknowledgedUs: locked.acknowledgedUs ?? at, deliveredUs: locked.deliveredUs ?? at });
      await this.deps.deadlines.meet(trx, warningId, { rule: ACK_RULE, party: from });
      await this.records.history(trx, [{ subjectId: warningId, atUs: this.deps.clock.nowMicros(), kind: 'acknowledged', party: from, actor: `peer:${from}`, objectId: object.id, objectVersionUs: micros(object.modified), detail: object.comment ? JSON.stringify({ comment: object.comment, by: object.acknowledged_by }) : JSON.stringify({ by: object.acknowledged_by }) }]);
      return next;
    });
    if (!updated) return;
    this.records.publish('acknowledged', updated, { party: from });
    await this.deps.notifications.notify([{ kind: 'warning.acknowledged', subjectKind: 'warning', subjectId: warningId, permission: 'warnings:send', params: { party: from, title: updated.title } }]);
  };

  /** An opinion or note carrying Accord's assessment extension: another Party's part of the joint assessment. */
  readonly assessment = async (object: StixObject, from: string): Promise<void> => {
    const ext = (object.extensions as Record<string, Record<string, unknown>> | undefined)?.[ASSESSMENT_EXTENSION_ID];
    if (!ext) return;
    const warningId = typeof ext.warning_ref === 'string' ? ext.warning_ref : '';
    if (ext.assessing_party !== from) return this.ignore(object, from, 'assessing_party is not the Party that sent it');
    const row = await findWarning(this.deps.database.db, warningId);
    if (!row) return this.ignore(object, from, `no warning ${warningId}`);
    const parties = await partiesOf(this.deps.database.db, [warningId]);
    if (row.senderParty !== from && !parties.some((p) => p.party === from)) return this.ignore(object, from, `${from} has no part in warning ${warningId}`);
    const versionUs = micros(object.modified);
    if (await hasObjectEvent(this.deps.database.db, warningId, object.id, versionUs)) return;
    const updated = await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, warningId);
      if (!locked) return undefined;
      await this.storeAssessment(trx, warningId, object, from, versionUs);
      let next = locked;
      if (locked.direction === 'sent' && object.type === 'opinion') {
        await updateWarningParty(trx, warningId, from, { state: 'assessed' });
        next = await this.records.refresh(trx, locked, { assessedUs: versionUs });
      }
      await this.records.history(trx, [{
        subjectId: warningId, atUs: this.deps.clock.nowMicros(), kind: object.type === 'opinion' ? 'assessed' : 'assessment-note', party: from, actor: `peer:${from}`,
        objectId: object.id, objectVersionUs: versionUs, detail: object.type === 'opinion' ? JSON.stringify({ agreement: object.opinion, confidence: object.confidence ?? null }) : null,
      }]);
      return next;
    });
    if (!updated || object.type !== 'opinion') return;
    this.records.publish('assessed', updated, { party: from, agreement: object.opinion });
    await this.deps.notifications.notify([{ kind: 'warning.assessed', subjectKind: 'warning', subjectId: warningId, permission: 'warnings:assess', params: { party: from, title: updated.title } }]);
  };

  private async storeAssessment(trx: Executor, warningId: string, object: StixObject, from: string, versionUs: number): Promise<void> {
    const previous = (await assessmentsOf(trx, warningId)).find((a) => a.party === from);
    if (object.type === 'opinion') {
      await upsertAssessment(trx, {
        warningId, party: from, opinionId: object.id, noteId: previous?.noteId ?? null, agreement: String(object.opinion),
        confidence: typeof object.confidence === 'number' ? object.confidence : null, assessedUs: versionUs, assessedBy: null,
      });
      return;
    }
    // A note names its opinion among its object_refs; it may come before the opinion does.
    const opinionId = previous?.opinionId ?? stringList(object.object_refs).find((r) => r.startsWith('opinion--')) ?? '';
    await upsertAssessment(trx, {
      warningId, party: from, opinionId, noteId: object.id, agreement: previous?.agreement ?? 'unknown', confidence: previous?.confidence ?? null,
      assessedUs: previous?.assessedUs ?? versionUs, assessedBy: null,
    });
  }

  /** A translation (language-content) of a warning, from the other side. */
  readonly translation = async (object: StixObject, from: string): Promise<void> => {
    const target = stringProp(object, 'object_ref') ?? '';
    const row = await findWarning(this.deps.database.db, target);
    if (!row) return;
    const versionUs = micros(object.modified);
    if (await hasObjectEvent(this.deps.database.db, target, object.id, versionUs)) return;
    await this.records.history(this.deps.database.db, [{ subjectId: target, atUs: this.deps.clock.nowMicros(), kind: 'translated', party: from, actor: `peer:${from}`, objectId: object.id, objectVersionUs: versionUs, detail: null }]);
    this.records.publish('translated', row, { party: from });
  };

  /** A signed receipt: the addressee's node stored these versions; the warning is delivered there. */
  readonly receipt = async (party: string, items: readonly ReceiptItem[], atUs: number): Promise<void> => {
    for (const item of items) {
      const row = await findWarning(this.deps.database.db, item.id);
      if (!row || row.direction !== 'sent') continue;
      const rejected = item.status === 'rejected';
      const updated = await this.deps.database.db.transaction().execute(async (trx) => {
        const locked = await this.records.lock(trx, item.id);
        const addressee = (await partiesOf(trx, [item.id])).find((p) => p.party === party);
        if (!locked || !addressee) return undefined;
        if (rejected) {
          await this.records.history(trx, [{ subjectId: item.id, atUs, kind: 'refused-by-peer', party, actor: `peer:${party}`, objectId: item.id, objectVersionUs: null, detail: JSON.stringify({ version: item.version }) }]);
          return undefined;
        }
        if (addressee.state !== 'sent') return undefined;
        await updateWarningParty(trx, item.id, party, { state: 'delivered', deliveredUs: atUs });
        const next = await this.records.refresh(trx, locked, { deliveredUs: locked.deliveredUs ?? atUs });
        await this.records.history(trx, [{ subjectId: item.id, atUs, kind: 'delivered', party, actor: 'system', objectId: item.id, objectVersionUs: item.version ? micros(item.version) : null, detail: null }]);
        return next;
      });
      if (updated) this.records.publish('delivered', updated, { party });
    }
  };
}
