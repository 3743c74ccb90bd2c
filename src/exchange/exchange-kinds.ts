import { severities, urgencies } from '../profile/profile.schema.js';
import { identifier, languageTag, listOf, oneOfValues, timestamp, type JsonSchema } from '../stix/common.schema.js';
import { LANGUAGE_CODE } from '../i18n/language-tag.js';
import {
  CONSENT_DECISION_TYPE, CONSENT_REQUEST_TYPE, ASSESSMENT_EXTENSION_ID, ASSISTANCE_REQUEST_TYPE, AUTHORITY_EXTENSION_ID, EARLY_WARNING_TYPE, EXTENSION_IDS, JOINT_ACTIVITY_TYPE, LEGISLATION_TYPE,
  LIFECYCLE_RECORD_TYPE, REQUEST_STEP_TYPE, WARNING_ACK_TYPE, CONSULTATION_TYPE, CONSULTATION_STEP_TYPE, DISPUTE_TYPE, DISPUTE_STEP_TYPE,
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

const semver: JsonSchema = { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$' };
/** The profile version (the agreement or a protocol) that governed an exchange when it began. */
const governedBy = { profile_version: semver };
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
    ...governedBy,
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
    ...governedBy,
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

export const lifecycleRecordKinds = ['signature', 'notification', 'receipt', 'protocol', 'termination-notice'] as const;
export type LifecycleRecordKind = (typeof lifecycleRecordKinds)[number];
export const activityKinds = ['research', 'training', 'exchange', 'working-meeting', 'conference'] as const;
export const activityStatuses = ['proposed', 'agreed', 'in-progress', 'completed', 'cancelled'] as const;
export const costBearers = ['own-party', 'host-party', 'shared', 'as-agreed'] as const;
export const legislationStatuses = ['draft', 'in-force', 'amended', 'repealed'] as const;
export const authorityStatuses = ['active', 'withdrawn'] as const;

const legalDay: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const lifecycleRef: JsonSchema = { type: 'string', format: 'stix-identifier', pattern: `^${LIFECYCLE_RECORD_TYPE}--` };
/** Text per language: { "zh": "…", "ru": "…" }. */
const textByLanguage = (maxLength: number): JsonSchema => ({ type: 'object', minProperties: 1, propertyNames: { pattern: LANGUAGE_CODE }, additionalProperties: text(maxLength) });
const requiredWhen = (kind: string, required: string[]): JsonSchema => ({
  if: { properties: { record_kind: { const: kind } } },
  // Ajv's strict mode wants every required property declared where it is required.
  then: { type: 'object', required, properties: Object.fromEntries(required.map((key) => [key, {}])) },
});

const lifecycleRecord: ExchangeKind = {
  type: LIFECYCLE_RECORD_TYPE,
  extensionId: EXTENSION_IDS[LIFECYCLE_RECORD_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord agreement lifecycle record',
  description: 'A Party\'s record of one event in the life of the agreement (final provisions): signature, notification that domestic procedures are complete, receipt of a notification, a protocol amending the agreement, a notice of termination.',
  schema: sdo(['agreement', 'record_kind', 'recording_party'], {
    agreement: code,
    record_kind: oneOfValues(...lifecycleRecordKinds),
    recording_party: partyCode,
    profile_version: semver,
    name: text(500),
    description: text(10_000),
    signed_on: legalDay,
    place: text(500),
    notifying_party: partyCode,
    sent_at: timestamp,
    notification_ref: lifecycleRef,
    receiving_party: partyCode,
    received_at: timestamp,
  }, {
    allOf: [
      requiredWhen('signature', ['signed_on', 'profile_version']),
      requiredWhen('protocol', ['signed_on', 'profile_version', 'name']),
      requiredWhen('notification', ['notifying_party', 'sent_at', 'profile_version']),
      requiredWhen('termination-notice', ['notifying_party', 'sent_at']),
      requiredWhen('receipt', ['notification_ref', 'receiving_party', 'received_at']),
    ],
  }),
};

const participant: JsonSchema = {
  type: 'object',
  required: ['party'],
  properties: { party: partyCode, authority_ref: identityRef, name: text(500), role: text(200) },
  additionalProperties: false,
};

const jointActivity: ExchangeKind = {
  type: JOINT_ACTIVITY_TYPE,
  extensionId: EXTENSION_IDS[JOINT_ACTIVITY_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord joint activity',
  description: 'A joint activity of the Parties (Art. 3(12–14)): research project, training, exchange of students and teachers, working meeting or conference, with the directions of cooperation it serves, participants, dates, status and who bears its costs.',
  schema: sdo(['agreement', 'name', 'activity_kind', 'directions', 'participants', 'start_date', 'activity_status', 'cost_bearer', 'recording_party'], {
    agreement: code,
    name: text(500),
    description: text(100_000),
    lang: languageTag,
    activity_kind: oneOfValues(...activityKinds),
    directions: { ...listOf(code), maxItems: 50 },
    participants: { ...listOf(participant), maxItems: 500 },
    start_date: legalDay,
    end_date: legalDay,
    activity_status: oneOfValues(...activityStatuses),
    cost_bearer: oneOfValues(...costBearers),
    cost_arrangement: text(10_000),
    recording_party: partyCode,
    profile_version: semver,
  }),
};

const legislation: ExchangeKind = {
  type: LEGISLATION_TYPE,
  extensionId: EXTENSION_IDS[LEGISLATION_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord national legislation',
  description: 'A national law or regulation a Party shares under Art. 3(8): title and summary per language, jurisdiction, dates in force, status and attachments.',
  schema: sdo(['agreement', 'titles', 'jurisdiction', 'legislation_status', 'recording_party'], {
    agreement: code,
    titles: textByLanguage(1000),
    summaries: textByLanguage(100_000),
    jurisdiction: partyCode,
    legislation_kind: code,
    adopted_on: legalDay,
    in_force_from: legalDay,
    in_force_until: legalDay,
    legislation_status: oneOfValues(...legislationStatuses),
    attachment_refs: { ...listOf({ type: 'string', format: 'stix-identifier', pattern: '^artifact--' }), maxItems: 100 },
    recording_party: partyCode,
    profile_version: semver,
  }),
};

const contact: JsonSchema = {
  type: 'object',
  required: ['channel', 'value'],
  properties: { channel: oneOfValues('phone', 'email', 'fax', 'post', 'other'), value: text(500), always_available: { type: 'boolean' }, name: text(500) },
  additionalProperties: false,
};

const authorityKey: JsonSchema = {
  type: 'object',
  required: ['kid'],
  properties: { kid: text(200), purpose: text(50), jwk: { type: 'object' } },
  additionalProperties: false,
};

const authority: ExchangeKind = {
  type: 'authority',
  extensionId: AUTHORITY_EXTENSION_ID,
  extensionType: 'property-extension',
  name: 'Accord competent authority',
  description: 'Marks a STIX identity as a competent authority of a Party under Art. 5(1), with its roles, the directions of cooperation it handles, its round-the-clock contacts and its signing keys.',
  appliesTo: ['identity'],
  schema: {
    type: 'object',
    required: ['extension_type', 'agreement', 'party', 'authority_roles', 'areas', 'authority_status'],
    properties: {
      extension_type: { const: 'property-extension' },
      agreement: code,
      party: partyCode,
      authority_roles: texts(200, 50),
      areas: { ...listOf(code), maxItems: 50 },
      contacts: { ...listOf(contact), maxItems: 50 },
      keys: { ...listOf(authorityKey), maxItems: 20 },
      authority_status: oneOfValues(...authorityStatuses),
      profile_version: semver,
    },
    additionalProperties: false,
  },
};

export const consultationKinds = ['regular', 'extraordinary'] as const;
export const consultationStepKinds = ['counter-proposal', 'acceptance', 'minutes', 'minutes-approval', 'action-completed', 'cancellation'] as const;
export type ConsultationStepKind = (typeof consultationStepKinds)[number];
export const disputeStepKinds = ['position', 'consultation', 'negotiation', 'diplomatic-channels', 'evidence', 'outcome'] as const;
export type DisputeStepKind = (typeof disputeStepKinds)[number];

const agendaItem: JsonSchema = {
  type: 'object',
  required: ['title'],
  properties: { title: text(1000), related_refs: refs },
  additionalProperties: false,
};

/** A `then` branch that requires these properties (Ajv's strict mode wants them declared beside `required`). */
const requiring = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties, required: Object.keys(properties) });

/** The terms a proposal or counter-proposal puts forward: when, where, what. */
const consultationTerms: Record<string, JsonSchema> = {
  starts_at: timestamp,
  ends_at: timestamp,
  time_zone: text(100),
  place: text(500),
  agenda: { ...listOf(agendaItem), maxItems: 200 },
};

const consultation: ExchangeKind = {
  type: CONSULTATION_TYPE,
  extensionId: EXTENSION_IDS[CONSULTATION_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord consultation',
  description: 'A Party\'s proposal of consultations under Art. 5(4), regular (in the profile\'s cadence and host rotation) or extraordinary: dates, venue, host, the Parties taking part and the agenda. Acceptances, counter-proposals, minutes and action items follow as consultation steps.',
  schema: sdo(['agreement', 'name', 'consultation_kind', 'proposing_party', 'host_party', 'parties', 'starts_at', 'ends_at', 'time_zone', 'place', 'agenda'], {
    agreement: code,
    name: text(500),
    consultation_kind: oneOfValues(...consultationKinds),
    proposing_party: partyCode,
    host_party: partyCode,
    parties: { ...listOf(partyCode), minItems: 2, maxItems: 50 },
    ...consultationTerms,
    lang: languageTag,
    ...governedBy,
  }),
};

const attendee: JsonSchema = {
  type: 'object',
  required: ['party', 'name'],
  properties: { party: partyCode, name: text(500), role: text(200) },
  additionalProperties: false,
};

const actionItem: JsonSchema = {
  type: 'object',
  required: ['code', 'title', 'owner_party', 'due_on'],
  properties: { code: code, title: text(1000), owner_party: partyCode, owner: text(500), due_on: legalDay },
  additionalProperties: false,
};

const consultationStep: ExchangeKind = {
  type: CONSULTATION_STEP_TYPE,
  extensionId: EXTENSION_IDS[CONSULTATION_STEP_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord consultation step',
  description: 'One Party\'s act on a consultation: a counter-proposal of other terms, acceptance of the current terms (each Party\'s signed acceptance makes the agreed record), the minutes (attendance, text per language, decisions, action items), approval of the minutes, completion of an action item, cancellation.',
  schema: sdo(['consultation_ref', 'step_kind', 'acting_party'], {
    consultation_ref: { type: 'string', format: 'stix-identifier', pattern: `^${CONSULTATION_TYPE}--` },
    step_kind: oneOfValues(...consultationStepKinds),
    acting_party: partyCode,
    acted_by: text(500),
    /** The object whose terms (acceptance) or minutes (approval) are meant: the proposal or a step. */
    accepts_ref: identifier,
    ...consultationTerms,
    attendance: { ...listOf(attendee), maxItems: 500 },
    minutes: textByLanguage(200_000),
    decisions: { ...listOf(textByLanguage(20_000)), maxItems: 200 },
    action_items: { ...listOf(actionItem), maxItems: 500 },
    action_code: code,
    comment: text(10_000),
  }, {
    allOf: [
      { if: { properties: { step_kind: { const: 'counter-proposal' } } }, then: requiring(consultationTerms) },
      { if: { properties: { step_kind: { enum: ['acceptance', 'minutes-approval'] } } }, then: requiring({ accepts_ref: identifier }) },
      { if: { properties: { step_kind: { const: 'minutes' } } }, then: requiring({ attendance: listOf(attendee), minutes: textByLanguage(200_000) }) },
      { if: { properties: { step_kind: { const: 'action-completed' } } }, then: requiring({ action_code: code }) },
    ],
  }),
};

const dispute: ExchangeKind = {
  type: DISPUTE_TYPE,
  extensionId: EXTENSION_IDS[DISPUTE_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord dispute',
  description: 'A dispute between Parties on the interpretation or application of the agreement: the provisions concerned, the Party raising it, the Parties to it, and its subject per language. Positions, settlement steps, evidence and the outcome follow as dispute steps.',
  schema: sdo(['agreement', 'name', 'provisions', 'raising_party', 'parties', 'subject'], {
    agreement: code,
    name: text(500),
    provisions: { ...listOf(code), minItems: 1, maxItems: 50 },
    raising_party: partyCode,
    parties: { ...listOf(partyCode), minItems: 2, maxItems: 50 },
    subject: textByLanguage(100_000),
    ...governedBy,
  }),
};

const evidenceRef: JsonSchema = {
  type: 'object',
  required: ['object_ref', 'package_hash'],
  properties: { object_ref: identifier, package_hash: { type: 'string', pattern: '^[0-9a-f]{64}$' }, description: text(10_000) },
  additionalProperties: false,
};

const disputeStep: ExchangeKind = {
  type: DISPUTE_STEP_TYPE,
  extensionId: EXTENSION_IDS[DISPUTE_STEP_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord dispute step',
  description: 'One Party\'s step in settling a dispute: its position, a round of consultation or negotiation between competent authorities, referral to diplomatic channels, evidence (ledger evidence packages by object id and SHA-256), and the outcome that closes it.',
  schema: sdo(['dispute_ref', 'step_kind', 'acting_party', 'content'], {
    dispute_ref: { type: 'string', format: 'stix-identifier', pattern: `^${DISPUTE_TYPE}--` },
    step_kind: oneOfValues(...disputeStepKinds),
    acting_party: partyCode,
    acted_by: text(500),
    content: textByLanguage(100_000),
    held_on: legalDay,
    evidence: { ...listOf(evidenceRef), maxItems: 100 },
  }, {
    if: { properties: { step_kind: { const: 'evidence' } } },
    then: requiring({ evidence: listOf(evidenceRef) }),
  }),
};

/** Who a disclosure would go to: a named recipient outside the agreement, another Party, or the public. */
const consentRecipient: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: oneOfValues('third-party', 'party', 'public'), name: text(200), party: partyCode },
  additionalProperties: false,
};

export const consentDecisions = ['granted', 'refused'] as const;
export const consentDecisionStatuses = ['granted', 'refused', 'revoked'] as const;

const consentRequest: ExchangeKind = {
  type: CONSENT_REQUEST_TYPE,
  extensionId: EXTENSION_IDS[CONSENT_REQUEST_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord consent request',
  description: 'A Party asks the Party that provided information for its written permission to disclose or transfer it (Art. 6(2)): the objects, the recipient, the purpose and until when.',
  schema: sdo(['agreement', 'requesting_party', 'originating_party', 'object_refs', 'recipient', 'purpose'], {
    agreement: code,
    requesting_party: partyCode,
    originating_party: partyCode,
    object_refs: { ...refs, minItems: 1 },
    recipient: consentRecipient,
    purpose: text(10_000),
    requested_until: timestamp,
    lang: languageTag,
  }),
};

const consentDecision: ExchangeKind = {
  type: CONSENT_DECISION_TYPE,
  extensionId: EXTENSION_IDS[CONSENT_DECISION_TYPE],
  extensionType: 'new-sdo',
  name: 'Accord consent decision',
  description: 'The providing Party\'s answer to a consent request: a grant with its scope (objects, recipient, purpose, expiry) or a refusal with reasons; a later version revokes a grant.',
  schema: sdo(['agreement', 'deciding_party', 'request_ref', 'decision', 'decision_status', 'object_refs', 'recipient'], {
    agreement: code,
    deciding_party: partyCode,
    request_ref: { type: 'string', pattern: `^${CONSENT_REQUEST_TYPE}--` },
    decision: oneOfValues(...consentDecisions),
    decision_status: oneOfValues(...consentDecisionStatuses),
    object_refs: refs,
    recipient: consentRecipient,
    purpose: text(10_000),
    expires: timestamp,
    reasons: texts(10_000, 50),
  }),
};

const registry = new Map<string, ExchangeKind>();

/** Adds a kind to the registry the validator consults (governance kinds register here too). */
export function registerExchangeKind(kind: ExchangeKind): void {
  const known = [...registry.values()].find((k) => k.extensionId === kind.extensionId && k.type !== kind.type);
  if (known) throw new Error(`extension id ${kind.extensionId} already defines ${known.type}`);
  registry.set(kind.type, kind);
}

for (const kind of [earlyWarning, acknowledgement, assistanceRequest, requestStep, assessment, lifecycleRecord, jointActivity, legislation, authority]) registerExchangeKind(kind);
for (const kind of [consultation, consultationStep, dispute, disputeStep]) registerExchangeKind(kind);
for (const kind of [consentRequest, consentDecision]) registerExchangeKind(kind);

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
