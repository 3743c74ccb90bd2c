import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Profile } from '../profile/profile.schema.js';
import { ACK_RULE } from '../warnings/warning-records.js';

const WEEK_US = 7 * 86_400_000_000;
/** Weeks start on Monday (ISO 8601); 1970-01-05 was the first Monday after the epoch. */
const MONDAY_US = Date.UTC(1970, 0, 5) * 1000;

export interface WeekCount {
  readonly week: string;
  readonly sent: number;
  readonly received: number;
}

export interface CategoryWeek {
  readonly week: string;
  readonly category: string;
  readonly direction: 'sent' | 'received';
  readonly count: number;
}

/** One acknowledgement deadline: how long it took (or has been open) against what the profile allows. */
export interface AcknowledgementTime {
  readonly severity: string;
  /** `us`: this Party owed the acknowledgement; `them`: another Party owed it to this one. */
  readonly owedBy: 'us' | 'them';
  readonly minutes: number;
  readonly deadlineMinutes: number;
  readonly met: boolean;
  readonly late: boolean;
}

/**
 * The dashboard's exchange figures for recent weeks: objects shared and received per week, early
 * warnings and requests per week by threat category and direction, and acknowledgement times
 * against their deadlines. Counts and durations only: no titles or ids leave this function, so
 * the figures disclose nothing the release policy would hide from a reader of the node.
 */
export interface ExchangeActivity {
  readonly from: string;
  readonly to: string;
  readonly weeks: readonly string[];
  readonly objects: readonly WeekCount[];
  readonly categories: readonly CategoryWeek[];
  readonly acknowledgements: readonly AcknowledgementTime[];
}

const weekOf = (us: number): number => Math.floor((us - MONDAY_US) / WEEK_US);
const weekDate = (week: number): string => new Date((MONDAY_US + week * WEEK_US) / 1000).toISOString().slice(0, 10);

export async function collectActivity(deps: { database: Database; profile: Profile; party: string; nowUs: number }, weeks: number): Promise<ExchangeActivity> {
  const { database, profile, party, nowUs } = deps;
  const db = database.db;
  const last = weekOf(nowUs);
  const first = last - weeks + 1;
  const fromUs = MONDAY_US + first * WEEK_US;
  const labels = Array.from({ length: weeks }, (_, i) => weekDate(first + i));

  // Grouped in the database: a busy node exchanges hundreds of thousands of objects a week. The
  // constants are literals so PostgreSQL sees the same expression in SELECT and GROUP BY.
  const bucket = sql<number>`(collection_object.date_added_us - ${sql.lit(MONDAY_US)}) / ${sql.lit(WEEK_US)}`;
  const exchanged = await db.selectFrom('collectionObject').innerJoin('collection', 'collection.id', 'collectionObject.collectionId')
    .select(['collection.kind']).select(bucket.as('week')).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection.kind', 'in', ['outbox', 'inbox']).where('collectionObject.dateAddedUs', '>=', fromUs)
    .groupBy(['collection.kind', bucket]).execute();
  const objects = labels.map((week, i) => {
    const count = (kind: string) => Number(exchanged.find((r) => Number(r.week) === first + i && r.kind === kind)?.n ?? 0);
    return { week, sent: count('outbox'), received: count('inbox') };
  });

  const warnings = await db.selectFrom('warning').select(['direction', 'threatCategory', 'sentUs as atUs']).where('sentUs', '>=', fromUs).execute();
  const requests = await db.selectFrom('assistanceRequest').select(['direction', 'threatCategory', 'submittedUs as atUs']).where('submittedUs', '>=', fromUs).execute();
  const tally = new Map<string, CategoryWeek>();
  for (const row of [...warnings, ...requests]) {
    if (row.atUs === null || !profile.threats.some((t) => t.code === row.threatCategory)) continue;
    const week = weekDate(weekOf(row.atUs));
    const direction = row.direction === 'sent' ? 'sent' : 'received';
    const key = `${week}|${row.threatCategory}|${direction}`;
    const before = tally.get(key);
    tally.set(key, { week, category: row.threatCategory, direction, count: (before?.count ?? 0) + 1 });
  }

  const deadlines = await db.selectFrom('deadline').innerJoin('warning', 'warning.id', 'deadline.subjectId')
    .select(['deadline.party', 'deadline.startUs', 'deadline.dueUs', 'deadline.metUs', 'deadline.cancelledUs', 'warning.severity'])
    .where('deadline.rule', '=', ACK_RULE).where('deadline.startUs', '>=', fromUs).execute();
  const acknowledgements = deadlines.filter((d) => d.cancelledUs === null).map((d): AcknowledgementTime => {
    const end = d.metUs ?? nowUs;
    return {
      severity: d.severity, owedBy: d.party === party ? 'us' : 'them', minutes: Math.round((end - d.startUs) / 60_000_000),
      deadlineMinutes: Math.round((d.dueUs - d.startUs) / 60_000_000), met: d.metUs !== null, late: end > d.dueUs,
    };
  });

  return { from: new Date(fromUs / 1000).toISOString(), to: new Date(nowUs / 1000).toISOString(), weeks: labels, objects, categories: [...tally.values()], acknowledgements };
}
