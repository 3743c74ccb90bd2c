/**
 * STIX identifiers are `<object-type>--<RFC 4122 UUID>`. The OASIS schemas accept UUID versions
 * 1–5 with the RFC 4122 variant in either case; Accord accepts exactly the same set so that an id
 * one side accepts is never refused by a peer running the reference tooling.
 */
const TYPE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const IDENTIFIER = new RegExp(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*--${UUID}$`);
const UUID_LENGTH = 36;

/** True when the text is a STIX type name: lowercase ASCII, digits and single hyphens, 3–250 long. */
export function isTypeName(value: string): boolean {
  return value.length >= 3 && value.length <= 250 && TYPE_NAME.test(value);
}

/** True when the text is a syntactically valid STIX identifier. */
export function isIdentifier(value: string): boolean {
  return value.length <= 250 + 2 + UUID_LENGTH && IDENTIFIER.test(value);
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
