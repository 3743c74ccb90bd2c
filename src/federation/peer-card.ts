import { Type, type Static } from 'typebox';
import type { TValidationError } from 'typebox/error';
import type { ErrorObject } from 'ajv';
import type { JWK } from 'jose';
import { AccordError } from '../errors/errors.js';
import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import { schemaProblems } from '../stix/schema-issues.js';
import { issueMessage } from '../stix/stix-issue.messages.js';
import { federationMessage } from './federation.messages.js';

const Jwk = Type.Object({ kty: Type.Literal('OKP'), crv: Type.Literal('Ed25519'), x: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }), kid: Type.Optional(Type.String()) });

// Key times are stored as microseconds: text Date.parse cannot read would become NaN in the peer's key table.
const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$' });

/** One public key as a card or a key announcement carries it. */
export const CardKeySchema = Type.Object({
  kid: Type.String({ minLength: 16, maxLength: 100 }),
  purpose: Type.Union([Type.Literal('node'), Type.Literal('authority')]),
  authorityRef: Type.Union([Type.String({ pattern: '^identity--' }), Type.Null()]),
  jwk: Jwk,
  created: Instant,
  retired: Type.Union([Instant, Type.Null()]),
});

export const PeerCardSchema = Type.Object({
  accord: Type.Literal('peer-card/1'),
  party: Type.String({ pattern: '^[A-Z]{2,3}$' }),
  url: Type.String({ pattern: '^https?://' }),
  profile: Type.String({ minLength: 1 }),
  authority: Type.Object({ type: Type.Literal('identity'), id: Type.String({ pattern: '^identity--' }), name: Type.String() }, { additionalProperties: true }),
  keys: Type.Array(CardKeySchema, { minItems: 1 }),
  fingerprint: Type.String(),
});

export type PeerCard = Static<typeof PeerCardSchema>;
export type CardKey = Static<typeof CardKeySchema>;

/**
 * TypeBox's compiler, loaded the first time a card is read: importing it took ~150 ms of every
 * `accord` start, serve and CLI alike, for the rare moment a peer is added.
 */
async function compileCardChecker() {
  const { Compile } = await import('typebox/compile');
  return Compile(PeerCardSchema);
}
let checker: ReturnType<typeof compileCardChecker> | undefined;

/**
 * TypeBox's errors in the shape of Ajv's, so that schemaProblems says them in the reader's
 * language: one error per missing or extra property, and the failed branches of a union of
 * literals or types (a purpose, a nullable time) as the one choice they offered.
 */
function ajvShaped(errors: readonly TValidationError[]): ErrorObject[] {
  const shaped: ErrorObject[] = [];
  const at = (e: TValidationError, keyword: string, params: Record<string, unknown>): ErrorObject => ({ keyword, instancePath: e.instancePath, schemaPath: e.schemaPath, params });
  for (const e of errors) {
    const siblings = errors.filter((o) => o.instancePath === e.instancePath && o.keyword === e.keyword);
    if (e.keyword === 'required') shaped.push(...e.params.requiredProperties.map((missingProperty) => at(e, 'required', { missingProperty })));
    else if (e.keyword === 'additionalProperties') shaped.push(...e.params.additionalProperties.map((additionalProperty) => at(e, 'additionalProperties', { additionalProperty })));
    else if (e.keyword === 'anyOf') { if (!errors.some((o) => o.instancePath === e.instancePath && o !== e)) shaped.push(at(e, 'anyOf', {})); }
    else if (e.keyword === 'const' && siblings.length > 1) { if (siblings[0] === e) shaped.push(at(e, 'enum', { allowedValues: siblings.map((o) => (o as typeof e).params.allowedValue) })); }
    else if (e.keyword === 'type' && siblings.length > 1) { if (siblings[0] === e) shaped.push(at(e, 'type', { type: siblings.flatMap((o) => (o as typeof e).params.type) })); }
    else shaped.push(at(e, e.keyword, { ...e.params }));
  }
  return shaped;
}

/**
 * The fingerprint a person reads aloud to confirm a card out of band (as through diplomatic
 * channels): SHA-256 over the canonical party, URL, profile and every key, in groups of four.
 */
export function fingerprintOf(card: Pick<PeerCard, 'party' | 'url' | 'profile' | 'keys'>): string {
  const keys = [...card.keys].sort((a, b) => a.kid.localeCompare(b.kid)).map((k) => ({ kid: k.kid, purpose: k.purpose, authorityRef: k.authorityRef, x: k.jwk.x }));
  const digest = sha256Hex(canonicalJson({ party: card.party, url: card.url, profile: card.profile, keys })).toUpperCase();
  return digest.match(/.{4}/g)?.join(' ') ?? digest;
}

export function normaliseFingerprint(text: string): string {
  return text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/** Checks a card's shape and that its fingerprint is the one its contents yield. */
export async function parseCard(value: unknown): Promise<PeerCard> {
  const checkCard = await (checker ??= compileCardChecker());
  if (!checkCard.Check(value)) {
    const details = schemaProblems(ajvShaped([...checkCard.Errors(value)])).map((p) => ({ path: p.path || '/', message: p.message }));
    const first = details[0];
    const reason = first ? federationMessage('cardProblem', { path: first.path, problem: first.message }) : issueMessage('schema', { detail: '' });
    throw new AccordError('bad-request', federationMessage('badCard', { reason }), { details });
  }
  const computed = fingerprintOf(value);
  if (normaliseFingerprint(value.fingerprint) !== normaliseFingerprint(computed))
    throw new AccordError('bad-request', federationMessage('cardSelfMismatch', { card: value.fingerprint, computed }));
  return value;
}

export function jwkOf(key: CardKey): JWK {
  return { kty: key.jwk.kty, crv: key.jwk.crv, x: key.jwk.x, kid: key.kid };
}
