import { severities, urgencies } from '../profile/profile.schema.js';
import { identifier, languageTag, listOf, oneOfValues, timestamp, type JsonSchema } from '../stix/common.schema.js';
import {
  ASSESSMENT_EXTENSION_ID, ASSISTANCE_REQUEST_TYPE, EARLY_WARNING_TYPE, EXTENSION_IDS, REQUEST_STEP_TYPE, WARNING_ACK_TYPE,
} from './exchange-ids.js';

/*
 * JSON Schemas (draft 2020-12) of the properties each Accord kind adds to the STIX common
 * properties. Profile-dependent facts (is this threat code in the agreement? does this provision
 * exist?) are checked by the domain services against the profile; these schemas say only what
 * is true under every agreement.
 */

/** How one Accord kind is published and validated. */
export interface ExchangeKind {
  /** The STIX type (new SDOs) or a name for a property extension. */
  readonly type: string;
  readonly extensionId: string;
  readonly extensionType: 'new-sdo' | 'property-extension';
  readonly name: string;
  readonly description: string;
  /** Schema of the kind's own properties (new-sdo: top level; property extension: the extension object). */
  readonly schema: JsonSchema;
  /** For property extensions: the STIX types that may carry it. */
  readonly appliesTo?: readonly string[];
}

const partyCode: JsonSchema = { type: 'string', pattern: '^[A-Z]{2,3}$' };
const code: JsonSchema = { type: 'string', pattern: '^[a-z0-9]+(?:[-.][a-z0-9]+)*$', maxLength: 100 };
const text = (maxLength: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength });
const texts = (maxLength: number, maxItems = 100): JsonSchema => ({ ...listOf(text(maxLength)), maxItems });
const refs: JsonSchema = { ...listOf(identifier), maxItems: 1000 };
const identityRef: JsonSchema = { type: 'string', format: 'stix-identifier', pattern: '^identity--' };

/** An addressee: a Party, and optionally one of its competent authorities. */
const addressee: JsonSchema = {
  type: 'object',
  required: ['party'],
  properties: { party: partyCode, authority_ref: identityRef },
  additionalProperties: false,
};

export const warningStatuses = ['active', 'withdrawn', 'closed'] as const;
export const assistanceKinds = ['preserve-logs', 'analyse-sample', 'identify-infrastructure', 'block-c2', 'other'] as const;
export const stepKinds = ['acceptance', 'declination', 'interim-response', 'clarification-request', 'clarification-answer', 'answer', 'closure'] as const;
export type StepKind = (typeof stepKinds)[number];
export type AssistanceKind = (typeof assistanceKinds)[number];
export type WarningStatus = (typeof warningStatuses)[number];

const sdo = (required: string[], properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  required: ['created_by_ref', ...required],
  properties: { created_by_ref: identityRef, ...properties },
  ...extra,
});

const earlyWarning: ExchangeKind = {
  type: EARLY_WARNING_TYPE,
  extensionId: EXTENSION_IDS[EARLY_WARNING_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord early warning',
  description: 'A Party\'s early warning of a risk, threat or vulnerability to the competent authorities of other Parties, with a severity that sets the acknowledgement deadline. Updates, withdrawal and closure are new versions.',
  schema: sdo(['agreement', 'name', 'lang', 'warning_severity', 'threat_category', 'addressees', 'warning_status', 'sending_party'], {
    agreement: code,
    name: text(500),
    description: text(100_000),
    lang: languageTag,
    warning_severity: oneOfValues(...severities),
    threat_category: code,
    sending_party: partyCode,
    addressees: { ...listOf(addressee), maxItems: 50 },
    affected_sectors: texts(200),
    affected_products: texts(500, 1000),
    related_refs: refs,
    recommended_actions: texts(5000),
    warning_status: oneOfValues(...warningStatuses),
    status_reason: text(10_000),
  }),
};

const acknowledgement: ExchangeKind = {
  type: WARNING_ACK_TYPE,
  extensionId: EXTENSION_IDS[WARNING_ACK_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord warning acknowledgement',
  description: 'A person of an addressed authority confirms that an early warning (a given version) was read; the acknowledgement deadline is met when it is made.',
  schema: sdo(['warning_ref', 'warning_modified', 'acknowledging_party', 'acknowledged_by'], {
    warning_ref: { type: 'string', format: 'stix-identifier', pattern: `^${EARLY_WARNING_TYPE}--` },
    warning_modified: timestamp,
    acknowledging_party: partyCode,
    acknowledged_by: text(500),
    comment: text(10_000),
  }),
};

const assistanceItem: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: oneOfValues(...assistanceKinds), details: text(10_000) },
  additionalProperties: false,
  // "other" says nothing by itself: it must be described.
  if: { properties: { kind: { const: 'other' } } },
  then: { type: 'object', properties: { details: text(10_000) }, required: ['details'] },
};

const assistanceRequest: ExchangeKind = {
  type: ASSISTANCE_REQUEST_TYPE,
  extensionId: EXTENSION_IDS[ASSISTANCE_REQUEST_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord request for assistance',
  description: 'A request by a Party\'s competent authority for specific assistance from another Party, citing its legal basis in the agreement, with an urgency that sets the response deadline.',
  schema: sdo(['agreement', 'name', 'lang', 'legal_basis', 'threat_category', 'facts', 'assistance', 'urgency', 'requesting_party', 'addressee'], {
    agreement: code,
    name: text(500),
    lang: languageTag,
    legal_basis: { ...listOf(code), maxItems: 50 },
    threat_category: code,
    facts: text(100_000),
    assistance: { ...listOf(assistanceItem), maxItems: 50 },
    related_refs: refs,
    urgency: oneOfValues(...urgencies),
    response_requested_by: timestamp,
    requesting_party: partyCode,
    addressee,
  }),
};

const requestStep: ExchangeKind = {
  type: REQUEST_STEP_TYPE,
  extensionId: EXTENSION_IDS[REQUEST_STEP_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord request step',
  description: 'One step in the life of a request for assistance: acceptance, declination with reasons, interim response, clarification request or answer (either side), answer, closure.',
  schema: sdo(['request_ref', 'step_kind', 'acting_party'], {
    request_ref: { type: 'string', format: 'stix-identifier', pattern: `^${ASSISTANCE_REQUEST_TYPE}--` },
    step_kind: oneOfValues(...stepKinds),
    acting_party: partyCode,
    acted_by: text(500),
    lang: languageTag,
    content: text(100_000),
    reasons: texts(10_000, 50),
    in_reply_to_ref: { type: 'string', format: 'stix-identifier', pattern: `^${REQUEST_STEP_TYPE}--` },
    related_refs: refs,
  }, {
    // A declination without reasons tells the requester nothing it can act on.
    if: { properties: { step_kind: { const: 'declination' } } },
    then: { type: 'object', properties: { reasons: texts(10_000, 50) }, required: ['reasons'] },
  }),
};

const assessment: ExchangeKind = {
  type: 'assessment',
  extensionId: ASSESSMENT_EXTENSION_ID,
  extensionType: 'property-extension',
  name: 'Accord warning assessment',
  description: 'Marks a STIX opinion (agreement with the warning, with confidence) or note (actions taken) as one Party\'s part of the joint assessment of an early warning.',
  appliesTo: ['opinion', 'note'],
  schema: {
    type: 'object',
    required: ['extension_type', 'warning_ref', 'assessing_party'],
    properties: {
      extension_type: { const: 'property-extension' },
      warning_ref: { type: 'string', format: 'stix-identifier', pattern: `^${EARLY_WARNING_TYPE}--` },
      assessing_party: partyCode,
      actions_taken: texts(5000),
    },
    additionalProperties: false,
  },
};

const registry = new Map<string, ExchangeKind>();

/** Adds a kind to the registry the validator consults (governance kinds register here too). */
export function registerExchangeKind(kind: ExchangeKind): void {
  const known = [...registry.values()].find((k) => k.extensionId === kind.extensionId && k.type !== kind.type);
  if (known) throw new Error(`extension id ${kind.extensionId} already defines ${known.type}`);
  registry.set(kind.type, kind);
}

for (const kind of [earlyWarning, acknowledgement, assistanceRequest, requestStep, assessment]) registerExchangeKind(kind);

/** Every registered Accord kind, by STIX type (or property-extension name). */
export const exchangeKinds: ReadonlyMap<string, ExchangeKind> = registry;

/** The kind a new-sdo object of this type belongs to, if Accord defines it. */
export function exchangeKindOf(type: string): ExchangeKind | undefined {
  const kind = registry.get(type);
  return kind?.extensionType === 'new-sdo' ? kind : undefined;
}

/** The property-extension kind with this extension id, if Accord defines it. */
export function propertyExtensionKind(extensionId: string): ExchangeKind | undefined {
  for (const kind of registry.values()) if (kind.extensionType === 'property-extension' && kind.extensionId === extensionId) return kind;
  return undefined;
}
