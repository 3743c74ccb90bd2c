import type { UserPrincipal } from '../auth/principal.js';
import { can } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import { isLocale, type Locale } from '../i18n/locale.js';
import { isLegalDate, shiftDate, startOfLegalDay } from '../profile/legal-time.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { collectActivity, type ExchangeActivity } from './activity.js';
import { collectReport, type ReportData } from './report-data.js';
import { reportHtml } from './report-html.js';
import { chromiumFor, renderPdf } from './report-pdf.js';
import { reportsMessage } from './reports.messages.js';

export type ReportFormat = 'html' | 'pdf';

export interface ReportRequest {
  readonly from: string;
  readonly to: string;
  readonly lang?: string | undefined;
  readonly format?: string | undefined;
}

export interface RenderedReport {
  readonly contentType: string;
  readonly fileName: string;
  readonly body: string | Buffer;
  readonly data: ReportData;
}

/** The report a liaison officer brings to a consultation: figures of a period, in one language, HTML or PDF. */
export class ReportsService {
  constructor(private readonly deps: { database: Database; clock: Clock; profile: Profile; party: string; chromium?: string | undefined }) {}

  /** A period bound: a date is taken in this Party's time zone (`to` inclusive), an instant as given. */
  private bound(value: string, end: boolean): number | undefined {
    if (isLegalDate(value)) {
      const zone = findParty(this.deps.profile, this.deps.party)?.timeZone ?? 'UTC';
      return startOfLegalDay(end ? shiftDate(value, 1) : value, zone).getTime() * 1000;
    }
    const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : ms * 1000;
  }

  /** The dashboard's figures of the last weeks: exchange by week, category and direction; acknowledgement times. */
  async activity(user: UserPrincipal, weeks: number): Promise<ExchangeActivity> {
    this.require(user);
    const { database, profile, party, clock } = this.deps;
    return collectActivity({ database, profile, party, nowUs: clock.nowMicros() }, weeks);
  }

  private require(user: UserPrincipal): void {
    if (!can(user.role, 'reports:read')) throw new AccordError('forbidden', reportsMessage('permission', { role: user.role }));
  }

  async render(user: UserPrincipal, request: ReportRequest): Promise<RenderedReport> {
    this.require(user);
    const fromUs = this.bound(request.from, false);
    const toUs = this.bound(request.to, true);
    if (fromUs === undefined || toUs === undefined || fromUs >= toUs) throw new AccordError('bad-request', reportsMessage('badPeriod', { from: request.from, to: request.to }));
    const format = request.format ?? 'html';
    if (format !== 'html' && format !== 'pdf') throw new AccordError('bad-request', reportsMessage('badFormat'));
    const lang: Locale = isLocale(request.lang) ? request.lang : isLocale(user.locale) ? user.locale : 'en';
    const { database, profile, party, clock } = this.deps;
    const data = await collectReport({ database, profile, party, nowUs: clock.nowMicros() }, fromUs, toUs);
    const html = reportHtml(data, profile, lang);
    const fileName = `accord-report-${party}-${data.from.slice(0, 10)}-${data.to.slice(0, 10)}-${lang}.${format}`;
    if (format === 'html') return { contentType: 'text/html; charset=utf-8', fileName, body: html, data };
    return { contentType: 'application/pdf', fileName, body: await renderPdf(html, chromiumFor(this.deps.chromium)), data };
  }
}
