import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profile/profile.loader.js';
import type { DeadlineStats, ReportData } from './report-data.js';
import { reportHtml } from './report-html.js';
import { chromiumFor, renderPdf } from './report-pdf.js';

const stats: DeadlineStats = { total: 3, inTime: 1, late: 1, open: 1, overdue: 1, medianMinutes: 95 };
const data: ReportData = {
  party: 'CN', profile: 'cn-ru-2015', from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z', generated: '2027-01-02T00:00:00.000Z', days: { first: '2026-12-01', last: '2026-12-31', timeZone: 'Asia/Shanghai' },
  exchanges: [{ party: 'RU', sent: 12, received: 7 }],
  categories: [{ code: 'crime', sent: 4, received: 2 }, { code: 'terrorism', sent: 0, received: 1 }],
  warnings: { sent: 4, received: 3, acknowledgement: { owedByUs: stats, owedToUs: stats } },
  requests: { sent: 1, received: 2, decision: { owedByUs: stats, owedToUs: stats } },
  consultations: { held: 1, planned: 1, items: [{ title: '中俄信息安全磋商 — Консультации', kind: 'regular', host: 'CN', start: '2026-12-05T01:00:00.000Z', end: '2026-12-06T09:00:00.000Z', state: 'held' }], actions: stats },
  disputes: { open: 1, settled: 0 },
};

describe('PDF reports', () => {
  it.each(['zh', 'ru'] as const)('prints the %s report to a PDF with pages and an embedded CJK/Cyrillic font', async (lang) => {
    const pdf = await renderPdf(reportHtml(data, loadProfile('cn-ru-2015'), lang), chromiumFor(process.env.ACCORD_CHROMIUM));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+(?:NotoSansCJK|NotoSerifCJK|DejaVuSans)/);
  }, 60_000);
});
