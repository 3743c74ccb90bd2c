import { AccordError } from '../errors/errors.js';
import { consultationSchedule, isIanaTimeZone, isLegalDate, legalDate, type ConsultationWindow } from '../profile/legal-time.js';
import type { Profile } from '../profile/profile.schema.js';
import { consultationsMessage } from './consultations.messages.js';

/*
 * The planner of regular consultations: the profile's cadence cut into windows of the calendar
 * year, hosts in the profile's rotation. The rotation continues from the last regular
 * consultation the node knows of, so hosts keep alternating whatever date a schedule is asked from.
 */

/** A regular consultation already known, placed in its window. */
export interface RegularHeld {
  readonly id: string;
  readonly title: string;
  readonly state: string;
  readonly host: string;
  readonly startsAt: string;
  readonly timeZone: string;
}

export interface PlannedWindow extends ConsultationWindow {
  /** The regular consultation proposed or held in this window, if any. */
  readonly consultation: RegularHeld | null;
}

/** The number of a window counted from year 0 (years × windows per year + window of the year). */
export function windowNumber(profile: Profile, date: string): number {
  const months = 12 / profile.consultations.regular.perYear;
  return Number(date.slice(0, 4)) * profile.consultations.regular.perYear + Math.floor((Number(date.slice(5, 7)) - 1) / months);
}

/** The local date at the venue of a consultation starting at this instant. */
export function venueDate(startsAt: string, timeZone: string): string {
  return legalDate(new Date(startsAt), timeZone);
}

/** The host the rotation names for a window, continuing from the latest known regular consultation. */
export function hostOfWindow(profile: Profile, window: number, anchor: { window: number; host: string } | undefined, firstWindow: number): string {
  const rotation = profile.consultations.regular.hostRotation;
  const start = anchor ? rotation.indexOf(anchor.host) : 0;
  const offset = window - (anchor ? anchor.window : firstWindow);
  const n = rotation.length;
  return rotation[(((Math.max(start, 0) + offset) % n) + n) % n] ?? '';
}

function anchorOf(profile: Profile, held: readonly RegularHeld[]): { window: number; host: string } | undefined {
  const placed = held.map((h) => ({ window: windowNumber(profile, venueDate(h.startsAt, h.timeZone)), host: h.host }));
  return placed.sort((a, b) => b.window - a.window)[0];
}

/** The regular consultation windows of `years` years from the window containing `from`, with hosts and what is planned in each. */
export function regularSchedule(profile: Profile, from: string, years: number, held: readonly RegularHeld[]): PlannedWindow[] {
  if (!isLegalDate(from)) throw new AccordError('bad-request', consultationsMessage('badDate', { value: from }));
  if (!Number.isInteger(years) || years < 1 || years > 20) throw new AccordError('bad-request', consultationsMessage('badYears'));
  const first = windowNumber(profile, from);
  const host = hostOfWindow(profile, first, anchorOf(profile, held), first);
  const windows = consultationSchedule(profile, from, years * profile.consultations.regular.perYear, host);
  return windows.map((w) => ({
    ...w,
    consultation: held.find((h) => windowNumber(profile, venueDate(h.startsAt, h.timeZone)) === first + w.index) ?? null,
  }));
}

/** The window a regular consultation starting then (at that venue) falls in, with the host the rotation names. */
export function windowFor(profile: Profile, startsAt: string, timeZone: string, held: readonly RegularHeld[]): ConsultationWindow & { number: number } {
  const date = venueDate(startsAt, timeZone);
  const [window] = regularSchedule(profile, date, 1, held);
  if (!window) throw new AccordError('bad-request', consultationsMessage('badDate', { value: date }));
  return { ...window, number: windowNumber(profile, date) };
}

const MAX_DAYS = 31;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?Z$/;

/** The proposed terms, checked: real UTC instants, a known zone, a start in the future and an end after it. */
export function checkDates(startsAt: string, endsAt: string, timeZone: string, nowMs: number): { startMs: number; endMs: number } {
  for (const [field, value] of [['startsAt', startsAt], ['endsAt', endsAt]] as const) {
    if (!RFC3339_UTC.test(value) || Number.isNaN(Date.parse(value)) || !isLegalDate(value.slice(0, 10)))
      throw new AccordError('bad-request', consultationsMessage('badTime', { field, value }));
  }
  if (!isIanaTimeZone(timeZone)) throw new AccordError('bad-request', consultationsMessage('badZone', { value: timeZone }));
  const startMs = Date.parse(startsAt);
  const endMs = Date.parse(endsAt);
  if (endMs <= startMs) throw new AccordError('bad-request', consultationsMessage('endsBeforeStart', { start: startsAt, end: endsAt }));
  if (startMs < nowMs) throw new AccordError('bad-request', consultationsMessage('inPast', { start: startsAt }));
  if (endMs - startMs > MAX_DAYS * 86_400_000) throw new AccordError('bad-request', consultationsMessage('tooLong', { days: MAX_DAYS }));
  return { startMs, endMs };
}
