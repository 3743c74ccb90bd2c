import type { ConsultationView } from './consultations.service.js';

/*
 * iCalendar (RFC 5545) by hand: the format needs only escaping, folding and UTC times, which a
 * dependency would not make shorter. One VEVENT per consultation; its UID is the STIX id, so a
 * calendar that imported it once updates the same event (SEQUENCE grows with every step).
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A UTC DATE-TIME value: 20270217T060000Z. */
export function icsTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const STATUS: Record<ConsultationView['state'], string> = { proposed: 'TENTATIVE', agreed: 'CONFIRMED', held: 'CONFIRMED', concluded: 'CONFIRMED', cancelled: 'CANCELLED' };

function event(c: ConsultationView, stamp: string): string[] {
  const agenda = c.terms.agenda.map((a, i) => `${i + 1}. ${a.title}`).join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${c.id}@accord`,
    `DTSTAMP:${icsTime(stamp)}`,
    `DTSTART:${icsTime(c.terms.startsAt)}`,
    `DTEND:${icsTime(c.terms.endsAt)}`,
    `SEQUENCE:${c.steps.length}`,
    `SUMMARY:${escapeText(c.title)}`,
    `LOCATION:${escapeText(c.terms.place)}`,
    `DESCRIPTION:${escapeText(`${c.kind} consultations hosted by ${c.host} (${c.parties.join(', ')})\n${agenda}`)}`,
    `CATEGORIES:${c.kind.toUpperCase()}`,
    `STATUS:${STATUS[c.state]}`,
    'END:VEVENT',
  ];
}

/** A calendar of these consultations; `stamp` is when it was made (DTSTAMP). */
export function consultationsCalendar(consultations: readonly ConsultationView[], stamp: string, name: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Accord//Consultations//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`, ...consultations.flatMap((c) => event(c, stamp)), 'END:VCALENDAR'];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
