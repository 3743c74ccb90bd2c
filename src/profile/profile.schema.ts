import Type, { type Static } from 'typebox';
import { LANGUAGE_CODE } from '../i18n/language-tag.js';

/*
 * The agreement profile: everything agreement-specific that Accord's code reads (parties,
 * languages, provisions, taxonomies, deadlines, day counting, markings, exchange settings).
 * Structural rules live here as JSON Schema; rules that relate one part of the profile to another
 * (references resolve, codes are unique, every text has every language) live in profile.checks.ts.
 */

/** A lower-case code: kebab-case, `+` and `.` allowed for TLP's `amber+strict`. */
const Code = Type.String({ pattern: '^[a-z][a-z0-9]*(?:[-+.][a-z0-9]+)*$' });
/** ISO 3166-1 alpha-2 (user-assigned codes such as XA are fine for fictional Parties). */
const PartyCode = Type.String({ pattern: '^[A-Z]{2}$' });
/** ISO 639-1/-2 language code. */
const LanguageCode = Type.String({ pattern: LANGUAGE_CODE });
/** A provision id, e.g. `art-5.4`, `preamble.3`, `testimonium`. */
const ProvisionId = Type.String({ pattern: '^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$' });
const IsoDate = Type.String({ format: 'legal-date' });
const TimeZone = Type.String({ format: 'iana-time-zone' });
/** ISO 8601 duration in weeks, days, hours, minutes, seconds (no years/months: their length varies). */
const Duration = Type.String({ format: 'accord-duration' });
const PositiveInt = Type.Integer({ minimum: 1 });

/** The three languages Accord's own user interface speaks. */
export const uiLocales = ['zh', 'ru', 'en'] as const;
const UiLocale = Type.Enum(uiLocales);

/** A text in every language of the profile (checked against `languages` by the cross-checks). */
const Text = Type.Record(LanguageCode, Type.String({ minLength: 1 }), { additionalProperties: false });

export const textStatuses = ['authentic', 'official-translation', 'working-translation'] as const;

/**
 * Where a rule comes from: the agreement itself, a treaty it cites, or Accord (a default that
 * the Parties may replace, or a proposal for an arrangement the agreement leaves to them).
 */
export const bases = ['agreement', 'cited-agreement', 'accord-default', 'accord-proposal'] as const;
const Basis = Type.Enum(bases);

export const dayCountingConventions = ['calendar-days-exclusive', 'calendar-days-inclusive'] as const;
export type DayCountingConvention = (typeof dayCountingConventions)[number];

export const legalDateZoneRules = ['receiving-party', 'sending-party', 'fixed'] as const;

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];
export const urgencies = ['urgent', 'priority', 'routine'] as const;
export type Urgency = (typeof urgencies)[number];

/** When, within the computed legal date, the effect happens. */
export const dayMoments = ['start-of-day', 'end-of-day'] as const;
export type DayMoment = (typeof dayMoments)[number];

const Cited = { provision: ProvisionId, basis: Basis, note: Type.Optional(Text) };

const Party = Type.Object(
  {
    code: PartyCode,
    name: Text,
    government: Text,
    /** The time zone in which this Party's legal dates are reckoned. */
    timeZone: TimeZone,
    /** Official languages of the Party's state. */
    languages: Type.Array(LanguageCode, { minItems: 1, uniqueItems: true }),
    /** Language of the user interface on this Party's node unless a user chooses another. */
    defaultLocale: UiLocale,
  },
  { additionalProperties: false },
);

const Provision = Type.Object(
  {
    id: ProvisionId,
    part: Type.Enum(['preamble', 'article', 'testimonium']),
    article: Type.Optional(PositiveInt),
    /** Numbered paragraph (一、二、…) or enumerated item ((一)(二)…) of the article; preamble: position. */
    paragraph: Type.Optional(PositiveInt),
    /** Introductory words before an enumeration, or the sentence closing it. */
    role: Type.Optional(Type.Enum(['chapeau', 'closing'])),
    /** True when a number in this reference is not printed in the source nor fixed by a cross-reference. */
    inferred: Type.Boolean(),
    inferredParts: Type.Optional(Type.Array(Type.Enum(['article', 'paragraph']), { minItems: 1, uniqueItems: true })),
    topics: Type.Array(Code, { uniqueItems: true }),
    text: Text,
    status: Type.Record(LanguageCode, Type.Enum(textStatuses), { additionalProperties: false }),
    /** The source text as it stands in the seed (Traditional characters), for provenance. */
    sourceText: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

const Term = Type.Object(
  {
    code: Code,
    term: Text,
    definition: Text,
    status: Type.Enum(['annex', 'working-definition']),
    provisions: Type.Array(ProvisionId, { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);

const TaxonomyEntry = Type.Object({ code: Code, label: Text, provision: ProvisionId }, { additionalProperties: false });

/** The Nth legal day counted from an event, under the profile's day-counting convention. */
const DayRule = Type.Object(
  {
    ...Cited,
    days: PositiveInt,
    at: Type.Enum(dayMoments, {
      description: 'start-of-day: the effect happens as day N begins (enters into force on day N); end-of-day: as day N ends (a deadline, expiry).',
    }),
  },
  { additionalProperties: false },
);

const Deadlines = Type.Object(
  {
    authorityExchange: DayRule,
    warningAcknowledgement: Type.Object(
      {
        ...Cited,
        within: Type.Object(
          { critical: Duration, high: Duration, medium: Duration, low: Duration },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    assistanceResponse: Type.Object(
      {
        ...Cited,
        within: Type.Object({ urgent: Duration, priority: Duration, routine: Duration }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Consultations = Type.Object(
  {
    regular: Type.Object(
      {
        ...Cited,
        /** Regular consultations per calendar year; windows are equal parts of the year (12 must divide evenly). */
        perYear: Type.Integer({ enum: [1, 2, 3, 4, 6, 12] }),
        /** Hosting order; consultation N is hosted by hostRotation[N mod length]. */
        hostRotation: Type.Array(PartyCode, { minItems: 1, uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    extraordinary: Type.Object(
      {
        ...Cited,
        proposedBy: Type.Enum(['any-party', 'majority']),
        proposalIncludes: Type.Array(Type.Enum(['dates', 'venue', 'agenda']), { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Lifecycle = Type.Object(
  {
    duration: Type.Object({ ...Cited, kind: Type.Enum(['indefinite', 'fixed-term']), years: Type.Optional(PositiveInt) }, {
      additionalProperties: false,
    }),
    /** Counted from the receipt of the last notification of completed domestic procedures. */
    entryIntoForce: DayRule,
    amendment: Type.Object({ ...Cited, instrument: Type.Enum(['protocol', 'exchange-of-notes']) }, { additionalProperties: false }),
    /** Counted from the receipt of the notice of termination (or withdrawal). */
    termination: DayRule,
    survival: Type.Object(
      {
        ...Cited,
        rules: Type.Array(Type.Object({ code: Code, label: Text }, { additionalProperties: false }), { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const DayCounting = Type.Object(
  {
    convention: Type.Enum(dayCountingConventions, {
      description:
        'calendar-days-exclusive: the day of the event is not counted, day N of a period is the event date + N ' +
        '("on the 30th day after receipt" = receipt date + 30). calendar-days-inclusive: the day of the event is ' +
        'day 1, so day N is the event date + N - 1. Weekends and holidays never shift a date.',
    }),
    legalDateZone: Type.Object(
      {
        rule: Type.Enum(legalDateZoneRules, {
          description:
            'Whose calendar decides the legal date of an event (a receipt, a notice): receiving-party and ' +
            'sending-party use that Party\'s timeZone; fixed uses timeZone below (e.g. a depositary\'s).',
        }),
        /** Only with rule `fixed`. */
        timeZone: Type.Optional(TimeZone),
      },
      { additionalProperties: false },
    ),
    note: Type.Optional(Text),
  },
  { additionalProperties: false },
);

const TlpLevel = Type.Object(
  {
    code: Code,
    name: Type.String({ pattern: '^TLP:[A-Z+]+$' }),
    markingDefinitionId: Type.String({ pattern: '^marking-definition--[0-9a-f-]{36}$' }),
    rank: Type.Integer({ minimum: 0 }),
    label: Text,
  },
  { additionalProperties: false },
);

const NationalLevel = Type.Object(
  {
    code: Code,
    /** 1 is the lowest restriction of the Party's scheme. */
    rank: PositiveInt,
    stateSecret: Type.Boolean(),
    label: Text,
  },
  { additionalProperties: false },
);

const Markings = Type.Object(
  {
    tlp: Type.Object(
      {
        version: Type.Literal('2.0'),
        default: Code,
        levels: Type.Array(TlpLevel, { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
    protection: Type.Object(
      {
        ...Cited,
        /** Whose law governs protection of received restricted information. */
        governingLaw: Type.Enum(['receiving-party', 'originating-party']),
        onwardTransfer: Type.Enum(['originator-written-consent', 'originator-consent', 'free']),
      },
      { additionalProperties: false },
    ),
    classification: Type.Object(
      {
        ...Cited,
        schemes: Type.Array(
          Type.Object({ party: PartyCode, levels: Type.Array(NationalLevel, { minItems: 1 }) }, { additionalProperties: false }),
          { minItems: 1 },
        ),
        /** Rows of mutually equivalent levels: party code → level code. */
        equivalences: Type.Array(
          Type.Object(
            {
              ...Cited,
              levels: Type.Record(PartyCode, Code, { additionalProperties: false, minProperties: 2 }),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    nodeAccreditation: Type.Object(
      {
        ...Cited,
        /**
         * `restricted`: nothing above the lowest level of any Party's scheme may be stored on a node;
         * `unclassified`: nothing carrying a national restriction level at all.
         */
        defaultCeiling: Type.Enum(['unclassified', 'restricted']),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Exchange = Type.Object(
  {
    ...Cited,
    formats: Type.Array(
      Type.Object({ code: Code, mediaType: Type.String({ minLength: 3 }) }, { additionalProperties: false }),
      { minItems: 1 },
    ),
    /** Accord's own object kinds travel as STIX 2.1 objects defined by these extension definitions. */
    extensionDefinitions: Type.String({ minLength: 1 }),
    signature: Type.Object(
      { algorithm: Type.Enum(['EdDSA']), curve: Type.Enum(['Ed25519']), envelope: Type.Enum(['JWS']) },
      { additionalProperties: false },
    ),
    canonicalization: Type.Enum(['RFC8785']),
    digest: Type.Enum(['SHA-256']),
    maxContentLength: PositiveInt,
  },
  { additionalProperties: false },
);

const Financing = Type.Object(
  {
    ...Cited,
    defaultCostBearer: Type.Enum(['own-party', 'host-party', 'shared', 'as-agreed']),
    otherCosts: Type.Object({ ...Cited, rule: Type.Enum(['as-agreed', 'own-party', 'shared']) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const Disputes = Type.Object(
  {
    ...Cited,
    steps: Type.Array(
      Type.Object(
        { code: Code, by: Type.Enum(['competent-authorities', 'parties', 'diplomatic-channels', 'third-party']), label: Text },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** The JSON Schema of an agreement profile. */
export const ProfileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$' }),
    title: Text,
    signed: Type.Object({ date: IsoDate, place: Text }, { additionalProperties: false }),
    source: Type.Optional(
      Type.Object(
        { seed: Type.String(), script: Type.String(), conversion: Type.String() },
        { additionalProperties: false },
      ),
    ),
    languages: Type.Object(
      {
        authentic: Type.Array(LanguageCode, { minItems: 1, uniqueItems: true }),
        working: Type.Array(LanguageCode, { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    parties: Type.Array(Party, { minItems: 2 }),
    provisions: Type.Array(Provision, { minItems: 1 }),
    glossary: Type.Array(Term),
    threats: Type.Array(TaxonomyEntry, { minItems: 1 }),
    directions: Type.Array(TaxonomyEntry, { minItems: 1 }),
    dayCounting: DayCounting,
    deadlines: Deadlines,
    consultations: Consultations,
    lifecycle: Lifecycle,
    markings: Markings,
    exchange: Exchange,
    financing: Financing,
    disputes: Disputes,
  },
  { additionalProperties: false },
);

/** A validated agreement profile (deeply frozen when it comes from the loader). */
export type Profile = Static<typeof ProfileSchema>;
export type ProfileText = Static<typeof Text>;
export type ProfileParty = Static<typeof Party>;
export type ProfileProvision = Static<typeof Provision>;
export type ProfileDayRule = Static<typeof DayRule>;
export type TaxonomyEntry = Static<typeof TaxonomyEntry>;
export type NationalLevel = Static<typeof NationalLevel>;
