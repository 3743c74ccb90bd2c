import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import type { DeadlinesService } from '../deadlines/deadlines.service.js';
import type { EventBus } from '../events/event-bus.js';
import { actionColumns } from '../exchange/exchange-actions.js';
import { EARLY_WARNING_TYPE } from '../exchange/exchange-ids.js';
import { insertWorkflowEvents, type NewWorkflowEvent } from '../exchange/workflow-history.repository.js';
import type { ExchangeSender } from '../exchange/exchange-sender.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ReleaseService } from '../protection/release.service.js';
import { ackDeadline, durationMs } from '../profile/legal-time.js';
import type { Profile, Severity } from '../profile/profile.schema.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../stix/tlp.js';
import type { ReleaseFacts } from '../protection/release-policy.js';
import { isEnded, senderState, warningNextAction } from './warning-lifecycle.js';
import { lockWarning, partiesOf, updateWarning, type WarningRow } from './warnings.repository.js';

export const ACK_RULE = 'warning.acknowledgement';

/** What the warnings domain runs on. */
export interface WarningsDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly profile: Profile;
  readonly party: string;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly release: ReleaseService;
  readonly deadlines: DeadlinesService;
  readonly notifications: NotificationsService;
  readonly sender: ExchangeSender;
  /** The STIX identity of this node's competent authority (created_by_ref of what it sends). */
  readonly authorityRef: () => Promise<string>;
}

/** The acknowledgement deadline of a warning sent at `sentUs` (microseconds). */
export function ackDueUs(profile: Profile, severity: string, sentUs: number): number {
  const rule = profile.deadlines.warningAcknowledgement;
  const within = rule.within[severity as Severity];
  return sentUs + (durationMs(within) ?? 0) * 1000;
}

/** Release facts of a warning record: a received warning is released like the sender's object. */
export function warningFacts(row: Pick<WarningRow, 'id' | 'tlp' | 'direction' | 'senderParty'>): ReleaseFacts {
  const markingRefs = row.tlp ? [TLP2_MARKING_IDS[row.tlp as TlpLevel]].filter(Boolean) : [];
  return { id: row.id, type: EARLY_WARNING_TYPE, tlp: row.tlp, originParty: row.direction === 'received' ? row.senderParty : null, markingRefs, hasGranular: false };
}

/** Shared steps of local commands and peer arrivals: state, next action, deadlines, history, events. */
export class WarningRecords {
  constructor(readonly deps: WarningsDeps) {}

  get postgres(): boolean {
    return this.deps.database.dialect === 'postgres';
  }

  lock(trx: Executor, id: string): Promise<WarningRow | undefined> {
    return lockWarning(trx, id, this.postgres);
  }

  /** Recomputes the state (sender side) and the next action from the addressee rows; returns the row as stored. */
  async refresh(trx: Executor, row: WarningRow, changes: Partial<WarningRow> = {}): Promise<WarningRow> {
    const merged: WarningRow = { ...row, ...changes };
    const parties = await partiesOf(trx, [row.id]);
    if (merged.direction === 'sent' && !isEnded(merged.state) && merged.state !== 'draft') merged.state = senderState(parties);
    const due = merged.sentUs === null ? null : ackDueUs(this.deps.profile, merged.severity, merged.sentUs);
    const next = actionColumns(warningNextAction(merged, parties, this.deps.party, due));
    const final: WarningRow = { ...merged, ...next, updatedUs: this.deps.clock.nowMicros() };
    const { id: _id, ...rest } = final;
    await updateWarning(trx, row.id, rest);
    return final;
  }

  /** Starts (or moves) the acknowledgement deadline owed by `party`. */
  async scheduleAck(trx: Executor, row: WarningRow, party: string): Promise<void> {
    if (row.sentUs === null) return;
    const rule = this.deps.profile.deadlines.warningAcknowledgement;
    const due = ackDeadline(this.deps.profile, row.severity as Severity, new Date(Math.floor(row.sentUs / 1000)));
    await this.deps.deadlines.schedule(trx, {
      rule: ACK_RULE, subjectKind: 'warning', subjectId: row.id, subjectType: EARLY_WARNING_TYPE, subjectTlp: row.tlp,
      subjectOrigin: row.direction === 'received' ? row.senderParty : null, subjectTitle: row.title, party,
      startUs: row.sentUs, dueUs: ackDueUs(this.deps.profile, row.severity, row.sentUs), provision: due.provision || rule.provision, basis: rule.basis,
    });
  }

  async history(trx: Executor, events: readonly NewWorkflowEvent[]): Promise<void> {
    await insertWorkflowEvents(trx, events);
  }

  /** Publishes a state change on the live stream, released like the warning. */
  publish(type: string, row: WarningRow, data: Record<string, unknown> = {}): void {
    const facts = warningFacts(row);
    this.deps.events.publish({
      type: `warning.${type}`,
      at: new Date(Math.floor(this.deps.clock.nowMicros() / 1000)).toISOString(),
      object: { id: row.id, type: facts.type, tlp: facts.tlp, originParty: facts.originParty, markingRefs: facts.markingRefs },
      data: { id: row.id, state: row.state, direction: row.direction, ...data },
    });
  }
}
