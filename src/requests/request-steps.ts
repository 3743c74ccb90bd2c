import type { Executor } from '../db/database.js';
import type { StepKind } from '../exchange/exchange-kinds.js';
import { micros, stringList } from '../exchange/exchange-objects.js';
import type { StixObject } from '../objects/object-row.js';
import { stateAfter, stepRules, type StepActor } from './request-lifecycle.js';
import { ANSWER_RULE, DECISION_RULE, type RequestRecords } from './request-records.js';
import type { AssistanceRequestRow } from './requests.repository.js';

/** Which side of the request a Party is on. */
export function sideOf(row: Pick<AssistanceRequestRow, 'requesterParty' | 'addresseeParty'>, party: string): Exclude<StepActor, 'either'> | undefined {
  if (party === row.requesterParty) return 'requester';
  if (party === row.addresseeParty) return 'addressee';
  return undefined;
}

/** Why a Party may not take a step now, or undefined when it may. */
export function stepRefusal(row: AssistanceRequestRow, kind: StepKind, party: string): 'not-yours' | 'wrong-state' | 'no-clarification' | undefined {
  const side = sideOf(row, party);
  const rule = stepRules[kind];
  if (!side || (rule.by !== 'either' && rule.by !== side)) return 'not-yours';
  if (stateAfter(kind, row.state) === undefined) return 'wrong-state';
  if (kind === 'clarification-answer' && row.clarificationParty !== party) return 'no-clarification';
  return undefined;
}

/**
 * Applies a step (taken here or arrived from the peer) to the record inside a transaction: the
 * new state, the open clarification, the deadlines it meets or ends, and the history entry.
 */
export async function applyStep(records: RequestRecords, trx: Executor, row: AssistanceRequestRow, step: StixObject, party: string, actor: string): Promise<AssistanceRequestRow> {
  const kind = step.step_kind as StepKind;
  const now = records.deps.clock.nowMicros();
  const state = stateAfter(kind, row.state) ?? row.state;
  const changes: Partial<AssistanceRequestRow> = { state };
  const other = party === row.requesterParty ? row.addresseeParty : row.requesterParty;
  if (kind === 'clarification-request') Object.assign(changes, { clarificationParty: other, clarificationStep: step.id });
  if (kind === 'clarification-answer' || kind === 'closure') Object.assign(changes, { clarificationParty: null, clarificationStep: null });
  if (kind === 'acceptance' || kind === 'declination') Object.assign(changes, { decidedUs: now, receivedUs: row.receivedUs ?? now });
  if (kind === 'answer') Object.assign(changes, { answeredUs: now });
  if (kind === 'closure') Object.assign(changes, { closedUs: now });
  const next = await records.refresh(trx, row, changes);
  const { deadlines } = records.deps;
  if (kind === 'acceptance' || kind === 'declination') await deadlines.meet(trx, row.id, { rule: DECISION_RULE });
  if (kind === 'declination') await deadlines.cancel(trx, row.id);
  if (kind === 'answer') await deadlines.meet(trx, row.id, { rule: ANSWER_RULE });
  if (kind === 'closure') await deadlines.cancel(trx, row.id);
  await records.history(trx, [{
    subjectId: row.id, atUs: now, kind: `step:${kind}`, party, actor, objectId: step.id, objectVersionUs: micros(step.modified),
    detail: JSON.stringify({ state, ...(stringList(step.reasons).length ? { reasons: stringList(step.reasons) } : {}) }),
  }]);
  return next;
}
