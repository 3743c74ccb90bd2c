import type { Logger } from 'pino';
import type { Permission } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import { insertWorkflowEvents } from '../exchange/workflow-history.repository.js';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.js';
import type { NotificationRow } from '../notifications/notifications.repository.js';
import { eventLegalDate } from '../profile/legal-time.js';
import type { Profile } from '../profile/profile.schema.js';
import { deadlineMoments, defaultDeadlinePolicy, type DeadlinePolicy } from './deadline-policy.js';
import { claimStage, closeDeadlines, deadlinesOf, findDeadline, insertDeadline, updateDeadline, type DeadlineRow, type FiredStage } from './deadlines.repository.js';

/** A deadline to watch: one rule applied to one subject, owed by one Party. */
export interface DeadlineSpec {
  readonly rule: string;
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly subjectType: string;
  readonly subjectTlp: string | null;
  readonly subjectOrigin: string | null;
  readonly subjectTitle: string | null;
  readonly party: string;
  readonly startUs: number;
  readonly dueUs: number;
  readonly provision: string;
  readonly basis: string;
}

/** Who is told when a deadline of a rule moves: the Party that owes the act, or the Party waiting for it. */
export interface DeadlineRule {
  /** Permission of the users who must act, on the node of the responsible Party. */
  readonly actors: Permission;
  /** Permission of the users who wait for the act, on the other Party's node. */
  readonly waiting: Permission;
}

/** A deadline as the API shows it. */
export interface DeadlineView {
  readonly id: string;
  readonly rule: string;
  readonly party: string;
  readonly state: DeadlineRow['state'];
  readonly start: string;
  readonly due: string;
  readonly dueSoonFrom: string;
  readonly escalatesAt: string;
  readonly legalDate: string;
  readonly timeZone: string;
  readonly provision: string;
  readonly basis: string;
  readonly metLate: boolean | null;
  readonly met: string | null;
}

export interface CheckResult {
  readonly fired: ReadonlyArray<{ readonly stage: FiredStage; readonly deadline: DeadlineRow }>;
}

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();
const optIso = (us: number | null): string | null => (us === null ? null : iso(us));
const STAGES: readonly FiredStage[] = ['escalated', 'overdue', 'due-soon'];

/** A deadline row as the API shows it. */
export function deadlineView(row: DeadlineRow): DeadlineView {
  return {
    id: row.id, rule: row.rule, party: row.party, state: row.state, start: iso(row.startUs), due: iso(row.dueUs), dueSoonFrom: iso(row.remindAtUs),
    escalatesAt: iso(row.escalateAtUs), legalDate: row.legalDate, timeZone: row.timeZone, provision: row.provision, basis: row.basis,
    metLate: row.metUs === null ? null : row.metUs > row.dueUs, met: optIso(row.metUs),
  };
}

/**
 * The one deadline engine of a node. Domains schedule deadlines from the profile's rules inside
 * their own transactions and end them when the awaited act happens; `check` (run periodically by
 * the worker) moves deadlines through due soon → overdue → escalated, each stage fired once:
 * the claim and its notifications commit together, so two processes never fire the same stage.
 */
export class DeadlinesService {
  private readonly rules = new Map<string, DeadlineRule>();

  constructor(private readonly deps: {
    database: Database; clock: Clock; profile: Profile; party: string; events: EventBus; notifications: NotificationsService; logger: Logger;
    policy?: DeadlinePolicy; batchSize?: number;
  }) {}

  /** Declares who is told about deadlines of a rule (domains call this once at start-up). */
  defineRule(rule: string, who: DeadlineRule): void {
    this.rules.set(rule, who);
  }

  /** Starts watching a deadline, or moves an open one to new times (a later receipt, a changed severity). */
  async schedule(trx: Executor, spec: DeadlineSpec): Promise<DeadlineRow> {
    const id = `${spec.rule}:${spec.subjectId}:${spec.party}`;
    const now = this.deps.clock.nowMicros();
    const { remindAtUs, escalateAtUs } = deadlineMoments(spec.startUs, spec.dueUs, this.deps.policy ?? defaultDeadlinePolicy);
    const legal = eventLegalDate(this.deps.profile, new Date(Math.floor(spec.dueUs / 1000)), { receivingParty: spec.party, sendingParty: spec.party });
    const times = {
      startUs: spec.startUs, dueUs: spec.dueUs, remindAtUs, escalateAtUs, legalDate: legal.date, timeZone: legal.timeZone ?? 'UTC',
      subjectTlp: spec.subjectTlp, subjectTitle: spec.subjectTitle, provision: spec.provision, basis: spec.basis, updatedUs: now,
    };
    let existing = await findDeadline(trx, id);
    if (!existing) {
      const row: DeadlineRow = {
        id, subjectKind: spec.subjectKind, subjectId: spec.subjectId, subjectType: spec.subjectType, subjectOrigin: spec.subjectOrigin, rule: spec.rule, party: spec.party,
        ...times, state: 'running', remindedUs: null, overdueUs: null, escalatedUs: null, metUs: null, cancelledUs: null, closedUs: null, createdUs: now,
      };
      if (await insertDeadline(trx, row)) return row;
      // Scheduled at the same moment by another transaction: on PostgreSQL a Party's own record and
      // a peer's arriving together both brought the agreement into force, both scheduled its
      // deadlines, and the second insert failed the request with a duplicate key.
      existing = await findDeadline(trx, id);
      if (!existing) return row;
    }
    if (existing.closedUs !== null || (existing.dueUs === spec.dueUs && existing.startUs === spec.startUs)) return existing;
    // Moved: stages whose moment is now in the future may fire again at their new time.
    const reset = {
      remindedUs: remindAtUs > now ? null : existing.remindedUs,
      overdueUs: spec.dueUs > now ? null : existing.overdueUs,
      escalatedUs: escalateAtUs > now ? null : existing.escalatedUs,
    };
    const state: DeadlineRow['state'] = reset.escalatedUs !== null ? 'escalated' : reset.overdueUs !== null ? 'overdue' : reset.remindedUs !== null ? 'due-soon' : 'running';
    await updateDeadline(trx, id, { ...times, ...reset, state });
    return { ...existing, ...times, ...reset, state };
  }

  /** Ends the open deadlines of a subject because the awaited act happened (optionally one rule / Party). */
  async meet(trx: Executor, subjectId: string, filter: { rule?: string; party?: string } = {}): Promise<DeadlineRow[]> {
    return closeDeadlines(trx, subjectId, 'met', this.deps.clock.nowMicros(), filter);
  }

  /** Ends the open deadlines of a subject because nothing is awaited any more (withdrawn, declined, closed). */
  async cancel(trx: Executor, subjectId: string, filter: { rule?: string; party?: string } = {}): Promise<DeadlineRow[]> {
    return closeDeadlines(trx, subjectId, 'cancelled', this.deps.clock.nowMicros(), filter);
  }

  /** Every deadline of these subjects, soonest first. */
  forSubjects(subjectIds: readonly string[]): Promise<DeadlineRow[]> {
    return deadlinesOf(this.deps.database.db, subjectIds);
  }

  /**
   * One pass of the watch at `nowUs` (default: the clock): fires every stage that is due, in
   * bounded batches, each batch one transaction with its notifications and history steps.
   */
  async check(nowUs = this.deps.clock.nowMicros()): Promise<CheckResult> {
    const fired: Array<{ stage: FiredStage; deadline: DeadlineRow }> = [];
    const batch = this.deps.batchSize ?? 500;
    for (const stage of STAGES) {
      for (;;) {
        const { rows, notifications } = await this.deps.database.db.transaction().execute(async (trx) => {
          const claimed = await claimStage(trx, stage, nowUs, batch);
          if (claimed.length === 0) return { rows: claimed, notifications: [] as NotificationRow[] };
          await insertWorkflowEvents(trx, claimed.map((d) => ({
            subjectId: d.subjectId, atUs: nowUs, kind: `deadline.${stage}`, party: d.party, actor: 'system', objectId: null, objectVersionUs: null,
            detail: JSON.stringify({ rule: d.rule, due: iso(d.dueUs), legalDate: d.legalDate }),
          })));
          return { rows: claimed, notifications: await this.deps.notifications.add(trx, claimed.map((d) => this.notificationOf(stage, d))) };
        });
        for (const deadline of rows) {
          fired.push({ stage, deadline });
          this.publish(stage, deadline);
        }
        await this.deps.notifications.deliver(notifications);
        if (rows.length < batch) break;
      }
    }
    return { fired };
  }

  private notificationOf(stage: FiredStage, d: DeadlineRow): NewNotification {
    const who = this.rules.get(d.rule);
    const ours = d.party === this.deps.party;
    return {
      kind: `deadline.${stage}`, subjectKind: d.subjectKind, subjectId: d.subjectId,
      params: { subjectKind: d.subjectKind, rule: d.rule, title: d.subjectTitle ?? d.subjectId, due: iso(d.dueUs), legalDate: d.legalDate, party: d.party },
      ...(who ? { permission: ours ? who.actors : who.waiting } : {}),
    };
  }

  private publish(stage: FiredStage, d: DeadlineRow): void {
    this.deps.events.publish({
      type: `deadline.${stage}`,
      at: iso(this.deps.clock.nowMicros()),
      object: { id: d.subjectId, type: d.subjectType, tlp: d.subjectTlp, originParty: d.subjectOrigin, markingRefs: [] },
      data: { deadline: deadlineView(d), subjectKind: d.subjectKind, subjectId: d.subjectId },
    });
  }
}
