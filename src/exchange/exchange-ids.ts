/*
 * Fixed identifiers of Accord's own exchange-object kinds. They are part of the wire format
 * between nodes: never change one; a changed kind gets a new extension-definition version
 * (same id, newer `modified`) or, if incompatible, a new id.
 */

/** The STIX identity that publishes Accord's extension-definitions (the Accord project). */
export const ACCORD_IDENTITY_ID = 'identity--69259ef2-c19e-41f1-949c-37b28ff34e80';

/** When the first version of every Accord extension-definition was published. */
export const ACCORD_DEFINITIONS_CREATED = '2026-11-28T00:00:00.000Z';

/** The document that defines every Accord kind in prose (the extension-definitions' `schema`). */
export const EXCHANGE_DOCUMENT = 'https://accord.invalid/docs/exchange-objects.md';

export const EARLY_WARNING_TYPE = 'accord-early-warning';
export const WARNING_ACK_TYPE = 'accord-warning-acknowledgement';
export const ASSISTANCE_REQUEST_TYPE = 'accord-assistance-request';
export const REQUEST_STEP_TYPE = 'accord-request-step';
export const LIFECYCLE_RECORD_TYPE = 'accord-lifecycle-record';
export const JOINT_ACTIVITY_TYPE = 'accord-joint-activity';
export const LEGISLATION_TYPE = 'accord-legislation';
export const CONSULTATION_TYPE = 'accord-consultation';
export const CONSULTATION_STEP_TYPE = 'accord-consultation-step';
export const DISPUTE_TYPE = 'accord-dispute';
export const DISPUTE_STEP_TYPE = 'accord-dispute-step';
export const CONSENT_REQUEST_TYPE = 'accord-consent-request';
export const CONSENT_DECISION_TYPE = 'accord-consent-decision';

/** Extension-definition ids (new-sdo) of each Accord object kind, and of the assessment property extension. */
export const EXTENSION_IDS = {
  [EARLY_WARNING_TYPE]: 'extension-definition--eed5d4ab-c4f0-4f8a-8a14-2a0ec071c8bb',
  [WARNING_ACK_TYPE]: 'extension-definition--cbf59045-c75e-42c8-89b6-4a24e4332c49',
  [ASSISTANCE_REQUEST_TYPE]: 'extension-definition--1ab6b322-6542-4655-9d1e-6f3748ab527b',
  [REQUEST_STEP_TYPE]: 'extension-definition--6c802142-749c-4088-9116-9aed49cf4aca',
  /** A property extension on STIX `opinion` and `note`: marks them as a Party's assessment of a warning. */
  assessment: 'extension-definition--63d2dea8-ef6f-4f60-ab22-2b56dfabd6a8',
  [LIFECYCLE_RECORD_TYPE]: 'extension-definition--849edd37-c59c-4d69-8a01-f6bb845a3b44',
  [JOINT_ACTIVITY_TYPE]: 'extension-definition--a29ba76d-a1c0-4f08-8e3b-b94316da0459',
  [LEGISLATION_TYPE]: 'extension-definition--939d6a0e-bc04-43eb-8e60-0359194d188f',
  /** A property extension on STIX `identity`: marks it as a competent authority of a Party (Art. 5(1)). */
  authority: 'extension-definition--2be74633-baf9-4c66-8691-fdd75a94f604',
  [CONSULTATION_TYPE]: 'extension-definition--0df8b6d0-1551-44c2-8e57-37542e8d2cbd',
  [CONSULTATION_STEP_TYPE]: 'extension-definition--1d34f54e-7c93-4a77-b02f-3c0d53071ad1',
  [DISPUTE_TYPE]: 'extension-definition--27f98979-0cb1-4568-aeb6-a1743b536c7b',
  [DISPUTE_STEP_TYPE]: 'extension-definition--d47b3378-e0ce-4006-b182-9e79bed6b799',
  [CONSENT_REQUEST_TYPE]: 'extension-definition--b9d185a8-1057-4db0-baee-ca3cfefb2e8d',
  [CONSENT_DECISION_TYPE]: 'extension-definition--54331f02-26bb-4c81-895e-58a87e15431e',
} as const;

export const ASSESSMENT_EXTENSION_ID = EXTENSION_IDS.assessment;
export const AUTHORITY_EXTENSION_ID = EXTENSION_IDS.authority;

/** The Accord object kinds defined as new SDOs. */
export type ExchangeType = typeof EARLY_WARNING_TYPE | typeof WARNING_ACK_TYPE | typeof ASSISTANCE_REQUEST_TYPE | typeof REQUEST_STEP_TYPE
  | typeof LIFECYCLE_RECORD_TYPE | typeof JOINT_ACTIVITY_TYPE | typeof LEGISLATION_TYPE
  | typeof CONSULTATION_TYPE | typeof CONSULTATION_STEP_TYPE | typeof DISPUTE_TYPE | typeof DISPUTE_STEP_TYPE
  | typeof CONSENT_REQUEST_TYPE | typeof CONSENT_DECISION_TYPE;
