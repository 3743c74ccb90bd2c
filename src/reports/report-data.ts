import type { Database } from '../db/database.js';
import type { ConsultationRecord } from '../consultations/consultation-record.js';
import { ACTION_RULE } from '../consultations/consultations.service.js';
import { legalDate } from '../profile/legal-time.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { DECISION_RULE } from '../requests/request-records.js';
import { ACK_RULE } from '../warnings/warning-records.js';

/*
 * What a report counts, read straight from the domains' tables for one period. Only counts,
 * times and consultation titles (TLP:GREEN records shared with every Party) leave here: titles of
 * warnings and requests may carry markings a report's reader is not cleared for.
 */

export interface DeadlineStats {
  readonly total: number;
  readonly inTime: number;
  readonly late: number;
  /** Not met yet; overdue ones also count in `overdue`. */
  readonly open: number;
  readonly overdue: number;
  /** Median minutes from start to the act, over those met; null when none was. */
  readonly medianMinutes: number | null;
}

export interface CategoryRow {
  readonly code: string;
  readonly sent: number;
  readonly received: number;
}

export interface ReportData {
  readonly party: string;
  readonly profile: string;
  readonly from: string;
  readonly to: string;
  readonly generated: string;
  /** The first and last legal day of the period in this Party's time zone. */
  readonly days: { readonly first: string; readonly last: string; readonly timeZone: string };
  /** Object versions shared with each peer (its outbox) and received from it (its inbox). */
  readonly exchanges: ReadonlyArray<{ party: string; sent: number; received: number }>;
  /** Warnings and requests by threat category of the profile and direction. */
  readonly categories: readonly CategoryRow[];
  readonly warnings: { sent: number; received: number; acknowledgement: { owedByUs: DeadlineStats; owedToUs: DeadlineStats } };
  readonly requests: { sent: number; received: number; decision: { owedByUs: DeadlineStats; owedToUs: DeadlineStats } };
  readonly consultations: {
    readonly held: number;
    readonly planned: number;
    readonly items: ReadonlyArray<{ title: string; kind: string; host: string; start: string; end: string; state: string }>;
    readonly actions: DeadlineStats;
  };
  readonly disputes: { open: number; settled: number };
}

interface DeadlineLike { party: string; startUs: number; dueUs: number; metUs: number | null; closedUs: number | null }

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Deadline figures: met in time or late, still open, overdue at `nowUs`, median time to the act. */
export function deadlineStats(rows: readonly DeadlineLike[], nowUs: number): DeadlineStats {
  const met = rows.filter((r) => r.metUs !== null);
  const open = rows.filter((r) => r.closedUs === null);
  return {
    total: rows.length,
    inTime: met.filter((r) => (r.metUs ?? 0) <= r.dueUs).length,
    late: met.filter((r) => (r.metUs ?? 0) > r.dueUs).length,
    open: open.length,
    overdue: open.filter((r) => r.dueUs < nowUs).length,
    medianMinutes: median(met.map((r) => Math.round(((r.metUs ?? 0) - r.startUs) / 60_000_000))),
  };
}

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

async function deadlinesOfRule(database: Database, rule: string, fromUs: number, toUs: number) {
  return database.db.selectFrom('deadline').select(['party', 'startUs', 'dueUs', 'metUs', 'closedUs'])
    .where('rule', '=', rule).where('startUs', '>=', fromUs).where('startUs', '<', toUs).execute();
}

function split(rows: readonly DeadlineLike[], party: string, nowUs: number) {
  return { owedByUs: deadlineStats(rows.filter((r) => r.party === party), nowUs), owedToUs: deadlineStats(rows.filter((r) => r.party !== party), nowUs) };
}

async function actionDeadlines(database: Database, subjects: readonly string[]): Promise<DeadlineLike[]> {
  if (subjects.length === 0) return [];
  return database.db.selectFrom('deadline').select(['party', 'startUs', 'dueUs', 'metUs', 'closedUs']).where('rule', '=', ACTION_RULE).where('subjectId', 'in', [...subjects]).execute();
}

/** Every figure of a report for [fromUs, toUs), as this node's Party sees it. */
export async function collectReport(deps: { database: Database; profile: Profile; party: string; nowUs: number }, fromUs: number, toUs: number): Promise<ReportData> {
  const { database, profile, party, nowUs } = deps;
  const db = database.db;
  // What went into a Party's outbox was shared with it; what is in its inbox, it sent.
  const exchanged = await db.selectFrom('collectionObject').innerJoin('collection', 'collection.id', 'collectionObject.collectionId')
    .select(['collection.party', 'collection.kind']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection.kind', 'in', ['outbox', 'inbox']).where('collectionObject.dateAddedUs', '>=', fromUs).where('collectionObject.dateAddedUs', '<', toUs)
    .groupBy(['collection.party', 'collection.kind']).execute();
  const peers = [...new Set(exchanged.map((l) => l.party ?? ''))].filter(Boolean).sort();
  const exchanges = peers.map((p) => ({
    party: p,
    sent: Number(exchanged.find((l) => l.party === p && l.kind === 'outbox')?.n ?? 0),
    received: Number(exchanged.find((l) => l.party === p && l.kind === 'inbox')?.n ?? 0),
  }));

  const warnings = await db.selectFrom('warning').select(['direction', 'threatCategory', 'sentUs', 'createdUs']).where('sentUs', 'is not', null)
    .where('sentUs', '>=', fromUs).where('sentUs', '<', toUs).execute();
  const requests = await db.selectFrom('assistanceRequest').select(['direction', 'threatCategory']).where('submittedUs', '>=', fromUs).where('submittedUs', '<', toUs).execute();
  const categories = profile.threats.map((t) => ({
    code: t.code,
    sent: [...warnings, ...requests].filter((r) => r.threatCategory === t.code && r.direction === 'sent').length,
    received: [...warnings, ...requests].filter((r) => r.threatCategory === t.code && r.direction === 'received').length,
  }));

  const consultationRows = await db.selectFrom('consultation').selectAll().where('startsUs', '>=', fromUs).where('startsUs', '<', toUs).orderBy('startsUs').execute();
  const disputes = await db.selectFrom('dispute').select(['state']).where('createdUs', '<', toUs).execute();
  const timeZone = findParty(profile, party)?.timeZone ?? 'UTC';
  const days = { first: legalDate(new Date(fromUs / 1000), timeZone), last: legalDate(new Date(toUs / 1000 - 1), timeZone), timeZone };
  return {
    party, profile: profile.id, from: iso(fromUs), to: iso(toUs), generated: iso(nowUs), days, exchanges, categories,
    warnings: {
      sent: warnings.filter((w) => w.direction === 'sent').length, received: warnings.filter((w) => w.direction === 'received').length,
      acknowledgement: split(await deadlinesOfRule(database, ACK_RULE, fromUs, toUs), party, nowUs),
    },
    requests: {
      sent: requests.filter((r) => r.direction === 'sent').length, received: requests.filter((r) => r.direction === 'received').length,
      decision: split(await deadlinesOfRule(database, DECISION_RULE, fromUs, toUs), party, nowUs),
    },
    consultations: {
      held: consultationRows.filter((c) => c.state === 'held' || c.state === 'concluded').length,
      planned: consultationRows.filter((c) => c.state === 'proposed' || c.state === 'agreed').length,
      items: consultationRows.map((c) => {
        const record = JSON.parse(c.record) as ConsultationRecord;
        return { title: c.title, kind: c.kind, host: c.hostParty, start: record.terms.startsAt, end: record.terms.endsAt, state: c.state };
      }),
      actions: deadlineStats(await actionDeadlines(database, consultationRows.flatMap((c) => (JSON.parse(c.record) as ConsultationRecord).minutes?.actionItems.map((a) => `${c.id}#${a.code}`) ?? [])), nowUs),
    },
    disputes: { open: disputes.filter((d) => d.state === 'open').length, settled: disputes.filter((d) => d.state === 'settled').length },
  };
}
