import type { Locale } from '../i18n/locale.js';
import type { Profile } from '../profile/profile.schema.js';
import { escapeHtml as esc, groupedBars, stackedBar } from './report-charts.js';
import type { DeadlineStats, ReportData } from './report-data.js';
import { reportsMessage } from './reports.messages.js';

const SENT = '#1f6feb';
const RECEIVED = '#d97706';
const IN_TIME = '#15803d';
const LATE = '#b45309';
const OPEN = '#9ca3af';
const OVERDUE = '#b91c1c';

/** Fonts that render Chinese and Cyrillic: Debian's fonts-noto-cjk, then DejaVu for Cyrillic. */
const FONTS = '"Noto Sans CJK SC", "Noto Serif CJK SC", "DejaVu Sans", sans-serif';

function labelOf(profile: Profile, code: string, lang: Locale): string {
  const entry = profile.threats.find((t) => t.code === code);
  const label = entry?.label;
  return label?.[lang] ?? label?.en ?? code;
}

function table(head: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function deadlineSection(t: (key: Parameters<typeof reportsMessage>[0], params?: Record<string, string | number>) => string, party: string, stats: { owedByUs: DeadlineStats; owedToUs: DeadlineStats }, id: string): string {
  const row = (name: string, s: DeadlineStats) => [name, s.total, s.inTime, s.late, s.open, s.overdue, s.medianMinutes === null ? t('none') : t('minutes', { n: s.medianMinutes })];
  const chart = (s: DeadlineStats, name: string) => stackedBar([
    { name: t('inTime'), value: s.inTime, colour: IN_TIME }, { name: t('late'), value: s.late, colour: LATE },
    { name: t('open'), value: s.open - s.overdue, colour: OPEN }, { name: t('overdue'), value: s.overdue, colour: OVERDUE },
  ], name);
  return table(['', t('total'), t('inTime'), t('late'), t('open'), t('overdue'), t('median')], [row(t('owedByUs', { party }), stats.owedByUs), row(t('owedToUs', { party }), stats.owedToUs)])
    + `<figure id="${id}-by-us"><figcaption>${esc(t('owedByUs', { party }))}</figcaption>${chart(stats.owedByUs, t('owedByUs', { party }))}</figure>`
    + `<figure id="${id}-to-us"><figcaption>${esc(t('owedToUs', { party }))}</figcaption>${chart(stats.owedToUs, t('owedToUs', { party }))}</figure>`;
}

/** The report as one self-contained HTML page (inline CSS and SVG) in the chosen language. */
export function reportHtml(data: ReportData, profile: Profile, lang: Locale): string {
  const t = (key: Parameters<typeof reportsMessage>[0], params: Record<string, string | number> = {}) => reportsMessage(key, params).text(lang);
  const day = (iso: string) => iso.slice(0, 10);
  const categories = data.categories.map((c) => ({ label: labelOf(profile, c.code, lang), values: [c.sent, c.received] }));
  const series = [{ name: t('sent'), colour: SENT }, { name: t('received'), colour: RECEIVED }];
  const c = data.consultations;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t('title', { profile: data.profile, party: data.party }))}</title>
<style>
body { font-family: ${FONTS}; margin: 24px; color: #111; font-size: 13px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
td:not(:first-child) { text-align: right; } figure { margin: 8px 0; page-break-inside: avoid; }
</style></head><body>
<h1>${esc(t('title', { profile: data.profile, party: data.party }))}</h1>
<p id="period">${esc(t('period', { from: data.days.first, to: data.days.last, generated: data.generated }))}</p>
<section id="exchanges"><h2>${esc(t('exchanges'))}</h2>
${table([t('party'), t('sent'), t('received')], data.exchanges.map((e) => [e.party, e.sent, e.received]))}
<figure>${groupedBars(data.exchanges.map((e) => ({ label: e.party, values: [e.sent, e.received] })), series, t('exchanges'))}</figure></section>
<section id="categories"><h2>${esc(t('categories'))}</h2>
${table([t('category'), t('sent'), t('received')], data.categories.map((r) => [labelOf(profile, r.code, lang), r.sent, r.received]))}
<figure>${groupedBars(categories, series, t('categories'))}</figure></section>
<section id="warnings"><h2>${esc(t('warnings'))}</h2>
<p>${esc(t('sent'))}: <b data-count="warnings-sent">${data.warnings.sent}</b> · ${esc(t('received'))}: <b data-count="warnings-received">${data.warnings.received}</b></p>
${deadlineSection(t, data.party, data.warnings.acknowledgement, 'ack')}</section>
<section id="requests"><h2>${esc(t('requests'))}</h2>
<p>${esc(t('sent'))}: <b data-count="requests-sent">${data.requests.sent}</b> · ${esc(t('received'))}: <b data-count="requests-received">${data.requests.received}</b></p>
${deadlineSection(t, data.party, data.requests.decision, 'decision')}</section>
<section id="consultations"><h2>${esc(t('consultations'))}</h2>
<p>${esc(t('held'))}: <b data-count="consultations-held">${c.held}</b> · ${esc(t('planned'))}: <b data-count="consultations-planned">${c.planned}</b></p>
${table([t('consultation'), t('kind'), t('host'), t('dates'), t('state')], c.items.map((i) => [i.title, i.kind, i.host, `${day(i.start)} – ${day(i.end)}`, i.state]))}
<h3>${esc(t('actions'))}</h3>
${table([t('total'), t('inTime'), t('late'), t('open'), t('overdue')], [[c.actions.total, c.actions.inTime, c.actions.late, c.actions.open, c.actions.overdue]])}
<figure>${stackedBar([{ name: t('inTime'), value: c.actions.inTime, colour: IN_TIME }, { name: t('late'), value: c.actions.late, colour: LATE }, { name: t('open'), value: c.actions.open - c.actions.overdue, colour: OPEN }, { name: t('overdue'), value: c.actions.overdue, colour: OVERDUE }], t('actions'))}</figure></section>
<p id="disputes">${esc(t('disputes', { open: data.disputes.open, settled: data.disputes.settled }))}</p>
</body></html>
`;
}
