/**
 * STIX timestamps: RFC 3339, UTC with `Z`, any number of fractional digits. The checks here are
 * string-based (no Date objects) because the ingest path calls them several times per object.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Length of `YYYY-MM-DDTHH:MM:SS`, the fixed-width part that sorts as text. */
const SECONDS_PART = 19;

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** True when the text is a valid STIX timestamp, including the calendar (no 30 February). */
export function isStixTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  // Second 60 is a leap second, which RFC 3339 allows.
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 60;
}

/** True when the timestamp carries at least millisecond precision (three or more fraction digits). */
export function hasMillisecondPrecision(value: string): boolean {
  const dot = value.indexOf('.', SECONDS_PART);
  return dot === SECONDS_PART && value.length - dot - 2 >= 3;
}

function fraction(value: string): string {
  return value.length > SECONDS_PART + 1 ? value.slice(SECONDS_PART + 1, -1) : '';
}

/**
 * Compares two valid STIX timestamps exactly, at any precision: negative when a is earlier, zero
 * when equal, positive when later. `.1Z` and `.100Z` are equal.
 */
export function compareStixTimestamps(a: string, b: string): number {
  const head = a.slice(0, SECONDS_PART);
  const other = b.slice(0, SECONDS_PART);
  if (head !== other) return head < other ? -1 : 1;
  let fa = fraction(a);
  let fb = fraction(b);
  if (fa === fb) return 0;
  const width = Math.max(fa.length, fb.length);
  fa = fa.padEnd(width, '0');
  fb = fb.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
