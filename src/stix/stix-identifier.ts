/**
 * STIX identifiers are `<object-type>--<RFC 4122 UUID>`. The OASIS schemas accept UUID versions
 * 1–5 with the RFC 4122 variant in either case; Accord accepts exactly the same set so that an id
 * one side accepts is never refused by a peer running the reference tooling. The checks read
 * character codes: they run several times per object on the ingest path.
 */
const UUID_LENGTH = 36;
const MAX_TYPE_LENGTH = 250;
const DASH = 45;

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Letters, digits and single inner hyphens, starting with a letter, within [from, to). */
function isTypeSpan(value: string, from: number, to: number): boolean {
  if (to - from < 3 || to - from > MAX_TYPE_LENGTH || !isLower(value.charCodeAt(from))) return false;
  let previousDash = false;
  for (let i = from + 1; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c === DASH) {
      if (previousDash) return false;
      previousDash = true;
    } else if (isLower(c) || isDigit(c)) previousDash = false;
    else return false;
  }
  return !previousDash;
}

/** An RFC 4122 UUID of version 1–5 starting at `from` and running to the end. */
function isUuidTail(value: string, from: number): boolean {
  if (value.length - from !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = value.charCodeAt(from + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== DASH) return false;
    } else if (i === 14) {
      if (c < 49 || c > 53) return false; // version 1–5
    } else if (i === 19) {
      if (!(c === 56 || c === 57 || c === 97 || c === 98 || c === 65 || c === 66)) return false; // variant 8, 9, a, b
    } else if (!isHexDigit(c)) return false;
  }
  return true;
}

/** True when the text is a STIX type name: lowercase ASCII, digits and single hyphens, 3–250 long. */
export function isTypeName(value: string): boolean {
  return isTypeSpan(value, 0, value.length);
}

/** True when the text is a syntactically valid STIX identifier. */
export function isIdentifier(value: string): boolean {
  const at = value.length - UUID_LENGTH - 2;
  return (
    at > 0 &&
    value.charCodeAt(at) === DASH &&
    value.charCodeAt(at + 1) === DASH &&
    isTypeSpan(value, 0, at) &&
    isUuidTail(value, at + 2)
  );
}

/** The object type an identifier names (the part before `--`), or undefined when there is none. */
export function identifierType(id: string): string | undefined {
  const at = id.indexOf('--');
  return at > 0 ? id.slice(0, at) : undefined;
}

/** The UUID version digit of an identifier (1–5), or undefined when the identifier is malformed. */
export function identifierUuidVersion(id: string): number | undefined {
  if (id.length < UUID_LENGTH + 5) return undefined;
  const digit = id.charCodeAt(id.length - UUID_LENGTH + 14) - 48;
  return digit >= 0 && digit <= 9 ? digit : undefined;
}
