import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { insertDeadline, openDeadlinesOfRule, openDeadlinesOfRuleQuery } from './deadlines.repository.js';
import type { DeadlineTable } from './deadlines.tables.js';

const HOUR_US = 3_600_000_000;

function deadline(rule: string, party: string, dueUs: number, closed = false): Insertable<DeadlineTable> {
  const subjectId = `subject-${rule}-${party}-${dueUs}`;
  return {
    id: `${rule}:${subjectId}:${party}`, subjectKind: 'consultation', subjectId, subjectType: 'x-accord-consultation', subjectTlp: null, subjectOrigin: party,
    subjectTitle: subjectId, rule, provision: 'Art. 5', basis: 'profile', party, startUs: 0, dueUs, remindAtUs: dueUs - HOUR_US, escalateAtUs: dueUs + HOUR_US,
    legalDate: '2026-12-01', timeZone: 'UTC', state: 'running', remindedUs: null, overdueUs: null, escalatedUs: null, metUs: null, cancelledUs: null,
    closedUs: closed ? dueUs : null, createdUs: 0, updatedUs: 0,
  };
}

describe('open deadlines of one rule (the inbox\'s action items)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const rows = [
      deadline('consultation.action', 'CN', 3 * HOUR_US), deadline('consultation.action', 'CN', 1 * HOUR_US), deadline('consultation.action', 'CN', 2 * HOUR_US, true),
      deadline('consultation.action', 'RU', 4 * HOUR_US), deadline('warning.acknowledge', 'CN', 1 * HOUR_US),
    ];
    for (const row of rows) await insertDeadline(database.db, row);
  });
  afterAll(async () => database?.drop());

  it('lists the open ones of the rule and Parties, soonest first, and only those due before a time when asked', async () => {
    const own = await openDeadlinesOfRule(database.db, 'consultation.action', ['CN'], 10);
    expect(own.map((d) => [d.party, d.dueUs])).toEqual([['CN', 1 * HOUR_US], ['CN', 3 * HOUR_US]]);
    const late = await openDeadlinesOfRule(database.db, 'consultation.action', ['RU', 'CN'], 10, 2 * HOUR_US);
    expect(late.map((d) => [d.party, d.dueUs])).toEqual([['CN', 1 * HOUR_US]]);
  });

  it('finds them through an index of open deadlines, not by reading every deadline', () => {
    const query = openDeadlinesOfRuleQuery(database.db, 'consultation.action', ['RU'], 51, HOUR_US).compile();
    const plan = database.sqlite!.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toContain('USING INDEX deadline_open_rule');
    expect(text).not.toMatch(/SCAN deadline\b/);
  });
});
