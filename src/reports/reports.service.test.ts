import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserPrincipal } from '../auth/principal.js';
import { ManualClock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import { dialects } from '../../test/support/databases.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { WarningInput } from '../warnings/warning-objects.js';
import { ReportsService } from './reports.service.js';

const HOUR = 3_600_000;
const warning = (severity: WarningInput['severity']): WarningInput => ({
  title: '针对关键信息基础设施的勒索软件活动', description: '勒索软件投放', severity, threatCategory: 'crime', addressees: ['RU'],
});

/** The number a report shows in the element marked data-count="name". */
function count(html: string, name: string): number {
  const match = new RegExp(`data-count="${name}">(\\d+)<`).exec(html);
  if (!match) throw new Error(`no count ${name}`);
  return Number(match[1]);
}

describe.each(dialects)('reports on %s', (dialect) => {
  let nodes: TwoNodes;
  let reports: ReportsService;
  let reader: UserPrincipal;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');

  beforeAll(async () => {
    nodes = await createTwoNodes(dialect, clock);
    const { cn, ru, relay } = nodes;
    const cnAnalyst = await nodes.user(cn, 'analyst');
    const cnLiaison = await nodes.user(cn, 'liaison');
    const ruLiaison = await nodes.user(ru, 'liaison');
    const critical = await cn.services.warnings.create(cnAnalyst, warning('critical'), { send: true });
    await cn.services.warnings.create(cnAnalyst, warning('low'), { send: true });
    await relay.flush();
    clock.advance(HOUR);
    await ru.services.warnings.acknowledge(ruLiaison, critical.id);
    const request = await ru.services.requests.submit(await nodes.user(ru, 'analyst'), {
      title: 'Сохранить журналы', legalBasis: ['art-3.5'], threatCategory: 'crime', facts: 'Botnet C2', assistance: [{ kind: 'preserve-logs' }], urgency: 'urgent', addressee: 'CN',
    });
    await relay.flush();
    clock.advance(2 * HOUR);
    await cn.services.requests.step(cnLiaison, request.id, { kind: 'acceptance' });
    const consultation = await cn.services.consultations.propose(cnLiaison, {
      title: '特别磋商', startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T09:00:00Z', place: '北京', agenda: [{ title: '预警评估', relatedRefs: [critical.id] }],
    });
    await relay.flush();
    await ru.services.consultations.step(ruLiaison, consultation.id, { kind: 'acceptance' });
    await relay.flush();
    clock.set('2026-12-05T10:00:00.000Z');
    await cn.services.consultations.step(cnLiaison, consultation.id, {
      kind: 'minutes', attendance: [{ party: 'CN', name: '王伟' }, { party: 'RU', name: 'Иван Петров' }], minutes: { zh: '纪要', ru: 'Протокол' },
      actionItems: [{ code: 'hotline', title: 'Hotline', ownerParty: 'RU', dueOn: '2026-12-08' }],
    });
    await relay.flush();
    clock.set('2026-12-10T00:00:00.000Z');
    reports = new ReportsService({ database: cn.services.database, clock, profile: cn.services.profile, party: 'CN' });
    reader = await nodes.user(cn, 'reader');
  });
  afterAll(async () => nodes?.close());

  it('counts the seeded period right in every language', async () => {
    const labels = { zh: ['早期预警及确认', '犯罪'], ru: ['Ранние предупреждения и подтверждения', 'Отчёт о сотрудничестве'], en: ['Early warnings and acknowledgement', 'Report on cooperation'] } as const;
    for (const lang of ['zh', 'ru', 'en'] as const) {
      const report = await reports.render(reader, { from: '2026-12-01', to: '2026-12-31', lang, format: 'html' });
      const html = String(report.body);
      expect(report.contentType).toBe('text/html; charset=utf-8');
      expect(html).toContain(`<html lang="${lang}">`);
      for (const label of labels[lang]) expect(html).toContain(label);
      expect([count(html, 'warnings-sent'), count(html, 'warnings-received'), count(html, 'requests-sent'), count(html, 'requests-received')]).toEqual([2, 0, 0, 1]);
      expect([count(html, 'consultations-held'), count(html, 'consultations-planned')]).toEqual([1, 0]);
      expect(html.match(/<svg /g)?.length).toBe(7);
    }
    const { data } = await reports.render(reader, { from: '2026-12-01', to: '2026-12-31' });
    expect(data.days).toEqual({ first: '2026-12-01', last: '2026-12-31', timeZone: 'Asia/Shanghai' });
    expect(data.categories.find((c) => c.code === 'crime')).toEqual({ code: 'crime', sent: 2, received: 1 });
    // RU owes the acknowledgements: one in an hour, one (low, 7 days) overdue by 10 December.
    expect(data.warnings.acknowledgement.owedToUs).toEqual({ total: 2, inTime: 1, late: 0, open: 1, overdue: 1, medianMinutes: 60 });
    expect(data.requests.decision.owedByUs).toEqual({ total: 1, inTime: 1, late: 0, open: 0, overdue: 0, medianMinutes: 120 });
    expect(data.consultations.actions).toEqual({ total: 1, inTime: 0, late: 0, open: 1, overdue: 1, medianMinutes: null });
    // To RU: two warnings, the acceptance of its request, the proposal and the minutes; from RU: acknowledgement, request, acceptance.
    expect(data.exchanges).toEqual([{ party: 'RU', sent: 5, received: 3 }]);
  });

  it('gives the dashboard exchange by week, category and direction, and acknowledgement times against deadlines', async () => {
    const activity = await reports.activity(reader, 3);
    expect(activity.weeks).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(activity.objects).toEqual([
      { week: '2026-11-23', sent: 0, received: 0 }, { week: '2026-11-30', sent: 5, received: 3 }, { week: '2026-12-07', sent: 0, received: 0 },
    ]);
    expect(activity.categories).toEqual(expect.arrayContaining([
      { week: '2026-11-30', category: 'crime', direction: 'sent', count: 2 }, { week: '2026-11-30', category: 'crime', direction: 'received', count: 1 },
    ]));
    expect(activity.categories).toHaveLength(2);
    const acks = [...activity.acknowledgements].sort((a, b) => a.minutes - b.minutes);
    // The critical one acknowledged within the hour; the low one still open on 10 December, past its 7 days.
    expect(acks.map((a) => [a.severity, a.owedBy, a.minutes, a.met, a.late])).toEqual([['critical', 'them', 60, true, false], ['low', 'them', 12_420, false, true]]);
    expect(acks[1]?.deadlineMinutes).toBe(7 * 24 * 60);
    // Only counts and durations: nothing names a warning.
    expect(JSON.stringify(activity)).not.toMatch(/accord-early-warning--|勒索软件/);
    expect((await reports.activity(reader, 1)).objects).toEqual([{ week: '2026-12-07', sent: 0, received: 0 }]);
  });

  it('leaves out what falls outside the period', async () => {
    const { data } = await reports.render(reader, { from: '2026-11-01', to: '2026-11-30' });
    expect([data.warnings.sent, data.requests.received, data.consultations.held, data.warnings.acknowledgement.owedToUs.total]).toEqual([0, 0, 0, 0]);
  });

  it('refuses a bad period or format', async () => {
    for (const bad of [{ from: '2026-12-31', to: '2026-12-01' }, { from: '2026-02-30', to: '2026-12-01' }, { from: 'yesterday', to: '2026-12-01' }, { from: '2026-12-01', to: '2026-12-31', format: 'docx' }]) {
      const error = await reports.render(reader, bad).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AccordError);
      expect((error as AccordError).code).toBe('bad-request');
    }
  });
});
