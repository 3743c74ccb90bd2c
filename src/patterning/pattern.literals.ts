/**
 * Shapes of the typed literals the grammar accepts, and the conversions the matcher needs.
 * The timestamp shape is the grammar's (month 01–12, day 01–31, hour 00–23, second up to 60);
 * like the reference validator it does not check day-of-month against the calendar.
 */
const TIMESTAMP_LITERAL =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const HEX_LITERAL = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64_LITERAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const DATA_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/;

export function isTimestampLiteral(text: string): boolean {
  return TIMESTAMP_LITERAL.test(text);
}

export function isHexLiteral(text: string): boolean {
  return HEX_LITERAL.test(text);
}

export function isBase64Literal(text: string): boolean {
  return BASE64_LITERAL.test(text);
}

/**
 * A sortable key for an RFC 3339 timestamp: UTC, fraction padded to nanoseconds, so that plain
 * string comparison orders instants. Undefined for text that is not a timestamp.
 */
export function timestampKey(text: string): string | undefined {
  const m = DATA_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, date = '', time = '', fraction = '', zone = 'Z'] = m;
  const nanos = fraction.padEnd(9, '0').slice(0, 9);
  if (zone === 'Z' || zone === 'z') return `${date}T${time}.${nanos}`;
  const ms = Date.parse(`${date}T${time}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${nanos}`;
}

/** Milliseconds since the epoch of an RFC 3339 timestamp (NaN when unparseable). */
export function timestampMillis(text: string): number {
  return Date.parse(text);
}

export function hexToBytes(hex: string): Uint8Array | undefined {
  if (!HEX_LITERAL.test(hex)) return undefined;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function base64ToBytes(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length > 0 && !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Uint8Array.from(Buffer.from(compact, 'base64'));
}

/** Lexicographic byte order: negative, zero or positive like a comparator. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Bytes as a string of code points 0–255, the form MATCHES uses on binary properties. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
