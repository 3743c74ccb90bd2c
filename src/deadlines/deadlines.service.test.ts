import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { openDatabase } from '../db/database.js';
import { EventBus, type NodeEvent } from '../events/event-bus.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { dialects } from '../../test/support/databases.js';
import { restartNode } from '../../test/support/node-restart.js';
import { mailBody, mailSubject, startSmtpSink } from '../../test/support/smtp-sink.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { DeadlinesService, type DeadlineSpec } from './deadlines.service.js';

const T0 = Date.parse('2026-12-01T02:00:00.000Z') * 1000;
const HOUR_US = 3_600_000_000;

function spec(overrides: Partial<DeadlineSpec> = {}): DeadlineSpec {
  return {
    rule: 'warning.acknowledgement', subjectKind: 'warning', subjectId: `accord-early-warning--${randomUUID()}`, subjectType: 'accord-early-warning',
    subjectTlp: 'amber', subjectOrigin: 'RU', subjectTitle: 'Botnet C2 in energy networks', party: 'CN', startUs: T0, dueUs: T0 + 4 * HOUR_US,
    provision: 'art-5.3', basis: 'accord-default', ...overrides,
  };
}

async function schedule(node: TestNode, ...specs: DeadlineSpec[]): Promise<void> {
  await node.services.database.db.transaction().execute(async (trx) => {
    for (const s of specs) await node.services.deadlines.schedule(trx, s);
  });
}

describe.each(dialects)('deadline engine on %s', (dialect) => {
  let node: TestNode;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T02:00:00.000Z');
    node = await createTestNode({ dialect, party: 'CN', clock });
  });
  afterEach(async () => node?.close());

  it('moves a deadline through due soon, overdue and escalated, firing each stage once', async () => {
    const events: NodeEvent[] = [];
    node.services.events.subscribe((e) => events.push(e));
    const s = spec();
    await schedule(node, s);
    const [row] = await node.services.deadlines.forSubjects([s.subjectId]);
    // 02:00 UTC + 4 h = 14:00 in Beijing: the legal date is the responsible Party's date.
    expect(row).toMatchObject({ state: 'running', legalDate: '2026-12-01', timeZone: 'Asia/Shanghai', remindAtUs: T0 + 3 * HOUR_US, escalateAtUs: T0 + 6 * HOUR_US });
    const stages = async (at: string) => {
      clock.set(at);
      return (await node.services.deadlines.check()).fired.map((f) => f.stage);
    };
    expect(await stages('2026-12-01T04:59:59.999Z')).toEqual([]);
    expect(await stages('2026-12-01T05:00:00.000Z')).toEqual(['due-soon']);
    expect(await stages('2026-12-01T05:30:00.000Z')).toEqual([]);
    expect(await stages('2026-12-01T06:00:00.000Z')).toEqual(['overdue']);
    expect(await stages('2026-12-01T08:00:00.000Z')).toEqual(['escalated']);
    expect(await stages('2026-12-05T00:00:00.000Z')).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['deadline.due-soon', 'deadline.overdue', 'deadline.escalated']);
    expect(events[1]).toMatchObject({ object: { id: s.subjectId, tlp: 'amber', originParty: 'RU' }, data: { deadline: { rule: 'warning.acknowledgement', party: 'CN', due: '2026-12-01T06:00:00.000Z' } } });
    const admin = await node.services.auth.principalForToken(await node.token('liaison'));
    if (admin?.kind !== 'user') throw new Error('user');
    const notes = await node.services.notifications.list(admin, {}, 'en');
    expect(notes.unread).toBe(3);
    expect(notes.items[2]?.text).toBe('Early warning "Botnet C2 in energy networks": acknowledgement is due by 2026-12-01T06:00:00.000Z (CN, legal date 2026-12-01)');
  });

  it('fires only the latest stage of a deadline missed while the node was down, and nothing once it is met', async () => {
    const late = spec();
    const met = spec();
    await schedule(node, late, met);
    await node.services.database.db.transaction().execute((trx) => node.services.deadlines.meet(trx, met.subjectId));
    clock.set('2026-12-02T00:00:00.000Z');
    const result = await node.services.deadlines.check();
    expect(result.fired.map((f) => [f.stage, f.deadline.subjectId])).toEqual([['escalated', late.subjectId]]);
    const [row] = await node.services.deadlines.forSubjects([late.subjectId]);
    expect(row).toMatchObject({ state: 'escalated', remindedUs: clock.nowMicros(), overdueUs: clock.nowMicros() });
  });

  it('moves an open deadline to a later due time and fires its stages again then', async () => {
    const s = spec();
    await schedule(node, s);
    clock.set('2026-12-01T06:30:00.000Z');
    expect((await node.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    await schedule(node, { ...s, dueUs: T0 + 24 * HOUR_US });
    expect((await node.services.deadlines.forSubjects([s.subjectId]))[0]?.state).toBe('running');
    clock.set('2026-12-02T02:00:00.000Z');
    expect((await node.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
  });

  it('schedules each deadline once when two transactions schedule it at the same moment', async () => {
    // A Party's own lifecycle record and a peer's arriving together both bring the agreement into force.
    const specs = Array.from({ length: 20 }, () => spec());
    await Promise.all(specs.flatMap((s) => [schedule(node, s), schedule(node, { ...s, dueUs: s.dueUs + HOUR_US })]));
    const rows = await node.services.deadlines.forSubjects(specs.map((s) => s.subjectId));
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.state === 'running')).toBe(true);
  });

  // Several processes serve one node only on PostgreSQL; two SQLite connections in one thread would
  // block each other synchronously, which says nothing about the claim.
  if (dialect === 'postgres') it('never fires a stage twice when two processes check at the same moment', async () => {
    const specs = Array.from({ length: 300 }, () => spec({ dueUs: T0 + HOUR_US }));
    await schedule(node, ...specs);
    const other = openDatabase(node.services.config.databaseUrl ? { databaseUrl: node.services.config.databaseUrl, poolSize: 4 } : { sqlitePath: node.services.config.sqlitePath });
    try {
      const events = new EventBus();
      const logger = pino({ level: 'silent' });
      const notifications = new NotificationsService({ database: other, clock, logger, mailer: undefined, locale: 'en', nodeName: 'CN' });
      const second = new DeadlinesService({ database: other, clock, profile: node.services.profile, party: 'CN', events, notifications, logger, batchSize: 50 });
      clock.set('2026-12-01T03:30:00.000Z');
      const [a, b] = await Promise.all([node.services.deadlines.check(), second.check()]);
      const fired = [...a.fired, ...b.fired].map((f) => f.deadline.id);
      expect(fired).toHaveLength(300);
      expect(new Set(fired).size).toBe(300);
      const count = await node.services.database.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'deadline.overdue').executeTakeFirst();
      expect(Number(count?.n)).toBe(300);
      expect([...(await node.services.deadlines.check()).fired, ...(await second.check()).fired]).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('keeps its state across a restart', async () => {
    const s = spec();
    await schedule(node, s);
    clock.set('2026-12-01T05:00:00.000Z');
    expect((await node.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['due-soon']);
    node = await restartNode(node, clock);
    expect((await node.services.deadlines.check()).fired).toEqual([]);
    clock.set('2026-12-01T06:00:00.000Z');
    expect((await node.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
  });
});

describe('deadline reminders by e-mail', () => {
  it('mails reminders and escalations to the duty address when ACCORD_SMTP_URL is set', async () => {
    const sink = await startSmtpSink();
    const clock = new ManualClock('2026-12-01T02:00:00.000Z');
    const node = await createTestNode({ dialect: 'sqlite', party: 'CN', clock, env: { ACCORD_SMTP_URL: `${sink.url}/?to=duty@cert.example,lead@cert.example&from=accord@cn.example`, ACCORD_LOCALE: 'en' } });
    try {
      await schedule(node, spec());
      clock.set('2026-12-01T06:00:00.000Z');
      await node.services.deadlines.check();
      expect(sink.messages).toHaveLength(1);
      const [mail] = sink.messages;
      expect(mail).toMatchObject({ from: 'accord@cn.example', to: ['duty@cert.example', 'lead@cert.example'] });
      expect(mailSubject(mail?.data ?? '')).toMatch(/^\[Accord CN\] Early warning "Botnet C2 in energy networks": acknowledgement is overdue/);
      expect(mailBody(mail?.data ?? '')).toBe('Early warning "Botnet C2 in energy networks": acknowledgement is overdue since 2026-12-01T06:00:00.000Z (CN, legal date 2026-12-01)');
      const row = await node.services.database.db.selectFrom('notification').select('emailedUs').executeTakeFirst();
      expect(row?.emailedUs).toBe(clock.nowMicros());
    } finally {
      await node.close();
      await sink.close();
    }
  });

  it('records the notification even when the mail server is down', async () => {
    const sink = await startSmtpSink();
    await sink.close();
    const clock = new ManualClock('2026-12-01T02:00:00.000Z');
    const node = await createTestNode({ dialect: 'sqlite', party: 'CN', clock, env: { ACCORD_SMTP_URL: `${sink.url}/?to=duty@cert.example` } });
    try {
      await schedule(node, spec());
      clock.set('2026-12-01T06:00:00.000Z');
      expect((await node.services.deadlines.check()).fired).toHaveLength(1);
      const row = await node.services.database.db.selectFrom('notification').select(['kind', 'emailedUs']).executeTakeFirst();
      expect(row).toEqual({ kind: 'deadline.overdue', emailedUs: null });
    } finally {
      await node.close();
    }
  });
});
