import { AccordError } from '../errors/errors.js';
import type { DayCountingConvention, DayMoment, Profile, ProfileDayRule, Severity, Urgency } from './profile.schema.js';

/*
 * Legal time: which calendar date an instant falls on for a Party, and which date a period of
 * days ends on under the agreement's day-counting convention. Pure functions; no clock is read.
 * Stored times are UTC instants; legal dates are plain `YYYY-MM-DD` strings in a named zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_RE = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const DAY_MS = 86_400_000;

// Building an Intl formatter costs far more than using one; deadline sweeps call these in loops.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving every calendar field of an instant in a zone. */
function fieldsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is false). */
export function isLegalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for a time zone name that Intl knows, spelled as the IANA database spells it (or UTC). */
export function isIanaTimeZone(value: string): boolean {
  // Intl accepts any letter case ("asia/shanghai"); a profile must use the canonical spelling.
  if (!/^(?:UTC|[A-Z][A-Za-z_+-]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/.test(value)) return false;
  try {
    fieldsFormatter(value);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds; undefined if malformed. */
export function durationMs(value: string): number | undefined {
  const m = DURATION_RE.exec(value);
  if (!m) return undefined;
  const [w, d, h, min, s] = [1, 2, 3, 4, 5].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number];
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

function badInput(text: string): AccordError {
  return new AccordError('bad-request', text);
}

function toInstant(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw badInput(`not a valid instant: ${String(value)}`);
  return date;
}

function assertDate(date: string): void {
  if (!isLegalDate(date)) throw badInput(`not a calendar date YYYY-MM-DD: ${date}`);
}

function assertZone(timeZone: string): void {
  if (!isIanaTimeZone(timeZone)) throw badInput(`not an IANA time zone: ${timeZone}`);
}

/** The calendar date (YYYY-MM-DD) on which an instant falls in the given time zone. */
export function legalDate(instant: Date, timeZone: string): string {
  assertZone(timeZone);
  const parts = fieldsFormatter(timeZone).formatToParts(toInstant(instant));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function shiftDate(date: string, days: number): string {
  assertDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The legal date of day `days` of a period that starts with an event on `date`:
 * exclusive counting starts with the next day (day N = date + N); inclusive counting counts the
 * event's own day as day 1 (day N = date + N − 1).
 */
export function addLegalDays(date: string, days: number, convention: DayCountingConvention): string {
  if (!Number.isInteger(days) || days < 1) throw badInput(`a period needs a whole number of days ≥ 1, got ${days}`);
  return shiftDate(date, convention === 'calendar-days-exclusive' ? days : days - 1);
}

/** UTC offset of `timeZone` at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = fieldsFormatter(timeZone).formatToParts(new Date(instant));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a legal date begins in a time zone (local midnight, or the first instant after a gap). */
export function startOfLegalDay(date: string, timeZone: string): Date {
  assertDate(date);
  assertZone(timeZone);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the offset even when midnight falls next to a daylight-saving change.
  let guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  guess = midnightUtc - zoneOffsetMs(guess, timeZone);
  // A gap at midnight (clocks jump forward) has no local midnight: take the day's first instant.
  while (legalDate(new Date(guess), timeZone) < date) guess += 15 * 60_000;
  return new Date(guess);
}

/** Which Parties an event passed between, when the profile's legal-date zone depends on them. */
export interface EventParties {
  readonly receivingParty?: string;
  readonly sendingParty?: string;
}

/** The time zone that decides the legal date of an event under the profile, if it can be told. */
export function eventTimeZone(profile: Profile, parties: EventParties = {}): string | undefined {
  const { rule, timeZone } = profile.dayCounting.legalDateZone;
  if (rule === 'fixed') return timeZone;
  const code = rule === 'receiving-party' ? parties.receivingParty : parties.sendingParty;
  if (code === undefined) return undefined;
  const party = profile.parties.find((p) => p.code === code);
  if (!party) throw badInput(`${code} is not a Party of ${profile.id}`);
  return party.timeZone;
}

/** The legal date of an event: a date string is taken as already legal; an instant is placed in the deciding zone. */
export function eventLegalDate(profile: Profile, event: Date | string, parties: EventParties = {}): { date: string; timeZone?: string } {
  const timeZone = eventTimeZone(profile, parties);
  if (typeof event === 'string' && DATE_RE.test(event)) {
    assertDate(event);
    return { date: event, ...(timeZone ? { timeZone } : {}) };
  }
  if (!timeZone) {
    const needed = profile.dayCounting.legalDateZone.rule === 'receiving-party' ? 'receivingParty' : 'sendingParty';
    throw badInput(`${profile.id} reckons the legal date of an event in a Party's time zone: give ${needed}`);
  }
  return { date: legalDate(toInstant(event), timeZone), timeZone };
}

/** A date computed from the agreement, with the provision and convention that yield it. */
export interface LegalDayResult {
  /** The legal date (YYYY-MM-DD). */
  readonly date: string;
  /** Whether the effect happens as this date begins or as it ends. */
  readonly at: DayMoment;
  /** The UTC instant of that moment, when the deciding time zone is known. */
  readonly instant?: string;
  readonly timeZone?: string;
  readonly eventDate: string;
  readonly days: number;
  readonly convention: DayCountingConvention;
  readonly provision: string;
  readonly basis: ProfileDayRule['basis'];
}

function applyDayRule(profile: Profile, rule: ProfileDayRule, eventDate: string, timeZone: string | undefined): LegalDayResult {
  const convention = profile.dayCounting.convention;
  const date = addLegalDays(eventDate, rule.days, convention);
  let instant: string | undefined;
  if (timeZone) instant = startOfLegalDay(rule.at === 'start-of-day' ? date : shiftDate(date, 1), timeZone).toISOString();
  return {
    date,
    at: rule.at,
    ...(instant ? { instant, timeZone } : {}),
    eventDate,
    days: rule.days,
    convention,
    provision: rule.provision,
    basis: rule.basis,
  };
}

/** When the agreement enters into force, counted from receipt of the last notification. */
export function entryIntoForce(profile: Profile, lastNotificationReceived: Date | string, parties: EventParties = {}): LegalDayResult {
  const { date, timeZone } = eventLegalDate(profile, lastNotificationReceived, parties);
  return applyDayRule(profile, profile.lifecycle.entryIntoForce, date, timeZone);
}

/** When termination (or a withdrawal) takes effect, counted from receipt of the notice. */
export function terminationEffective(profile: Profile, noticeReceived: Date | string, parties: EventParties = {}): LegalDayResult {
  const { date, timeZone } = eventLegalDate(profile, noticeReceived, parties);
  return applyDayRule(profile, profile.lifecycle.termination, date, timeZone);
}

/** The last day for the Parties to exchange information on their competent authorities. */
export function authorityExchangeDeadline(profile: Profile, entryIntoForceDate: string, timeZone?: string): LegalDayResult {
  assertDate(entryIntoForceDate);
  return applyDayRule(profile, profile.deadlines.authorityExchange, entryIntoForceDate, timeZone ?? eventTimeZone(profile));
}

/** One regular consultation window (a part of the calendar year) and the Party that hosts it. */
export interface ConsultationWindow {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly host: string;
  readonly provision: string;
}

/**
 * The next `count` regular consultation windows starting with the one containing `from`
 * (half-years for twice a year), hosts taken in the profile's rotation order from `firstHost`.
 */
export function consultationSchedule(profile: Profile, from: Date | string, count: number, firstHost?: string): ConsultationWindow[] {
  const { perYear, hostRotation, provision } = profile.consultations.regular;
  const fromDate = typeof from === 'string' && DATE_RE.test(from) ? from : toInstant(from).toISOString().slice(0, 10);
  assertDate(fromDate);
  if (!Number.isInteger(count) || count < 0) throw badInput(`count must be a whole number ≥ 0, got ${count}`);
  const startHost = firstHost === undefined ? 0 : hostRotation.indexOf(firstHost);
  if (startHost < 0) throw badInput(`${String(firstHost)} is not in the host rotation of ${profile.id} (${hostRotation.join(', ')})`);
  const months = 12 / perYear;
  const year = Number(fromDate.slice(0, 4));
  const firstSlot = Math.floor((Number(fromDate.slice(5, 7)) - 1) / months);
  return Array.from({ length: count }, (_, index) => {
    const slot = firstSlot + index;
    const startMonth = year * 12 + slot * months;
    const start = monthStart(startMonth);
    const end = shiftDate(monthStart(startMonth + months), -1);
    const host = hostRotation[(startHost + index) % hostRotation.length] ?? '';
    return { index, start, end, host, provision };
  });
}

function monthStart(absoluteMonth: number): string {
  const year = Math.floor(absoluteMonth / 12);
  const month = absoluteMonth - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** An instant deadline: elapsed time from an instant, not a legal date. */
export interface InstantDeadline {
  readonly at: string;
  readonly within: string;
  readonly provision: string;
  readonly basis: ProfileDayRule['basis'];
}

function instantDeadline(from: Date | string, within: string, provision: string, basis: ProfileDayRule['basis']): InstantDeadline {
  const ms = durationMs(within);
  if (ms === undefined) throw badInput(`not a duration: ${within}`);
  return { at: new Date(toInstant(from).getTime() + ms).toISOString(), within, provision, basis };
}

/** When an early warning of the given severity must be acknowledged (elapsed time from sending). */
export function ackDeadline(profile: Profile, severity: Severity, sentAt: Date | string): InstantDeadline {
  const rule = profile.deadlines.warningAcknowledgement;
  return instantDeadline(sentAt, rule.within[severity], rule.provision, rule.basis);
}

/** When a request for assistance of the given urgency should be answered (elapsed time from receipt). */
export function assistanceResponseDeadline(profile: Profile, urgency: Urgency, receivedAt: Date | string): InstantDeadline {
  const rule = profile.deadlines.assistanceResponse;
  return instantDeadline(receivedAt, rule.within[urgency], rule.provision, rule.basis);
}
