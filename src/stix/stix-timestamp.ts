/**
 * STIX timestamps: RFC 3339, UTC with `Z`, any number of fractional digits. The checks here read
 * character codes (no RegExp match arrays, no Date objects) because the ingest path calls them
 * several times per object.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Length of `YYYY-MM-DDTHH:MM:SS`, the fixed-width part that sorts as text. */
const SECONDS_PART = 19;
const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** The number written by `count` decimal digits at `at`, or -1 when one of them is not a digit. */
function digits(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function hasShape(value: string): boolean {
  const len = value.length;
  if (len < SECONDS_PART + 1 || value.charCodeAt(len - 1) !== Z) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(10) !== T)
    return false;
  if (value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON) return false;
  if (len === SECONDS_PART + 1) return true;
  // `.` then at least one digit before the Z
  return (
    value.charCodeAt(SECONDS_PART) === DOT &&
    len > SECONDS_PART + 2 &&
    digits(value, SECONDS_PART + 1, len - SECONDS_PART - 2) >= 0
  );
}

/** True when the text is a valid STIX timestamp, including the calendar (no 30 February). */
export function isStixTimestamp(value: string): boolean {
  if (!hasShape(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  // Second 60 is a leap second, which RFC 3339 allows.
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

/** True when the timestamp carries at least millisecond precision (three or more fraction digits). */
export function hasMillisecondPrecision(value: string): boolean {
  return value.charCodeAt(SECONDS_PART) === DOT && value.length - SECONDS_PART - 2 >= 3;
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
  if (a === b) return 0;
  let fa = fraction(a);
  let fb = fraction(b);
  const width = Math.max(fa.length, fb.length);
  fa = fa.padEnd(width, '0');
  fb = fb.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
