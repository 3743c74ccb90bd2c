import type { Executor } from '../db/database.js';
import { actionColumns } from '../exchange/exchange-actions.js';
import { ASSISTANCE_REQUEST_TYPE } from '../exchange/exchange-ids.js';
import { insertWorkflowEvents, type NewWorkflowEvent } from '../exchange/workflow-history.repository.js';
import { durationMs } from '../profile/legal-time.js';
import type { Profile, Urgency } from '../profile/profile.schema.js';
import type { ReleaseFacts } from '../protection/release-policy.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../stix/tlp.js';
import type { WarningsDeps } from '../warnings/warning-records.js';
import { requestNextAction } from './request-lifecycle.js';
import { lockRequest, updateRequest, type AssistanceRequestRow } from './requests.repository.js';

export const DECISION_RULE = 'request.decision';
export const ANSWER_RULE = 'request.answer';

/** The requests domain runs on the same services as the warnings domain. */
export type RequestsDeps = WarningsDeps;

/** When the requested Party must decide, counted from receipt under the profile (microseconds). */
export function decisionDueUs(profile: Profile, urgency: string, receivedUs: number): number {
  const within = profile.deadlines.assistanceResponse.within[urgency as Urgency];
  return receivedUs + (durationMs(within) ?? 0) * 1000;
}

/** Release facts of a request record: a received request is released like the requester's object. */
export function requestFacts(row: Pick<AssistanceRequestRow, 'id' | 'tlp' | 'direction' | 'requesterParty'>): ReleaseFacts {
  const markingRefs = row.tlp ? [TLP2_MARKING_IDS[row.tlp as TlpLevel]].filter(Boolean) : [];
  return { id: row.id, type: ASSISTANCE_REQUEST_TYPE, tlp: row.tlp, originParty: row.direction === 'received' ? row.requesterParty : null, markingRefs, hasGranular: false };
}

/** Shared steps of local commands and peer arrivals: next action, deadlines, history, events. */
export class RequestRecords {
  constructor(readonly deps: RequestsDeps) {}

  lock(trx: Executor, id: string): Promise<AssistanceRequestRow | undefined> {
    return lockRequest(trx, id, this.deps.database.dialect === 'postgres');
  }

  /** The instant the decision deadline runs from: receipt (or submission until a receipt is known). */
  private decisionStart(row: AssistanceRequestRow): number {
    return row.receivedUs ?? row.submittedUs;
  }

  /** Stores changes with the recomputed next action; returns the row as stored. */
  async refresh(trx: Executor, row: AssistanceRequestRow, changes: Partial<AssistanceRequestRow> = {}): Promise<AssistanceRequestRow> {
    const merged: AssistanceRequestRow = { ...row, ...changes };
    const due = decisionDueUs(this.deps.profile, merged.urgency, this.decisionStart(merged));
    const final: AssistanceRequestRow = { ...merged, ...actionColumns(requestNextAction(merged, this.deps.party, due)), updatedUs: this.deps.clock.nowMicros() };
    const { id: _id, ...rest } = final;
    await updateRequest(trx, row.id, rest);
    return final;
  }

  /** Starts (or moves) the deadlines the requested Party owes: the decision, and the answer when a date was asked. */
  async schedule(trx: Executor, row: AssistanceRequestRow): Promise<void> {
    const { profile, deadlines } = this.deps;
    const rule = profile.deadlines.assistanceResponse;
    const base = {
      subjectKind: 'request', subjectId: row.id, subjectType: ASSISTANCE_REQUEST_TYPE, subjectTlp: row.tlp,
      subjectOrigin: row.direction === 'received' ? row.requesterParty : null, subjectTitle: row.title, party: row.addresseeParty,
    };
    if (row.state === 'submitted' || row.state === 'received') {
      const start = this.decisionStart(row);
      await deadlines.schedule(trx, { ...base, rule: DECISION_RULE, startUs: start, dueUs: decisionDueUs(profile, row.urgency, start), provision: rule.provision, basis: rule.basis });
    }
    if (row.respondByUs !== null && row.state !== 'answered')
      await deadlines.schedule(trx, { ...base, rule: ANSWER_RULE, startUs: row.submittedUs, dueUs: row.respondByUs, provision: rule.provision, basis: 'requested-by-requester' });
  }

  async history(trx: Executor, events: readonly NewWorkflowEvent[]): Promise<void> {
    await insertWorkflowEvents(trx, events);
  }

  /** Publishes a state change on the live stream, released like the request. */
  publish(type: string, row: AssistanceRequestRow, data: Record<string, unknown> = {}): void {
    const facts = requestFacts(row);
    this.deps.events.publish({
      type: `request.${type}`,
      at: new Date(Math.floor(this.deps.clock.nowMicros() / 1000)).toISOString(),
      object: { id: row.id, type: facts.type, tlp: facts.tlp, originParty: facts.originParty, markingRefs: facts.markingRefs },
      data: { id: row.id, state: row.state, direction: row.direction, ...data },
    });
  }
}
