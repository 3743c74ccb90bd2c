/** Shapes of the node's API as the UI uses them (the node's OpenAPI document is the reference). */
export type Locale = 'zh' | 'ru' | 'en';
export type Role = 'admin' | 'liaison' | 'analyst' | 'reader';

export interface Health {
  readonly status: string;
  readonly party: string;
  readonly profile: string;
  readonly locale: Locale;
}

export interface Me {
  readonly name: string;
  readonly role: Role;
  readonly locale: string | null;
  readonly authorityRef: string | null;
  readonly party: string;
  readonly permissions: readonly string[];
}

export interface User {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly role: Role;
  readonly authorityRef: string | null;
  readonly locale: string | null;
  readonly disabled: boolean;
  readonly created: string;
}

export interface Token {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly user: string;
  readonly created: string;
  readonly expires: string | null;
  readonly lastUsed: string | null;
  readonly revoked: string | null;
}

export type StixObject = Record<string, unknown> & { readonly id: string; readonly type: string };

export interface ObjectSummary {
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly tlp: string | null;
  readonly origin: string | null;
  readonly revoked: boolean;
  readonly stored: string;
  readonly object: StixObject;
}

export interface SearchResult {
  readonly total: number;
  readonly items: readonly ObjectSummary[];
  readonly next?: string;
}

export interface ObjectDetail {
  readonly object: StixObject;
  readonly versions: readonly string[];
  readonly tlp: string | null;
  readonly origin: string | null;
}

export type OutcomeStatus = 'new' | 'updated' | 'duplicate' | 'rejected';

export interface Outcome {
  readonly index: number;
  readonly id: string | null;
  readonly version: string | null;
  readonly status: OutcomeStatus;
  readonly reason?: string;
  readonly issues?: ReadonlyArray<{
    readonly path: string;
    readonly message: string;
    readonly rule?: string;
  }>;
}

export interface ImportSummary {
  readonly total: number;
  readonly new: number;
  readonly updated: number;
  readonly duplicate: number;
  readonly rejected: number;
}

export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly actorKind: string;
  readonly action: string;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly detail: unknown;
  readonly requestId: string | null;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly next?: number;
}

/** A text in each language of the profile. */
export type Texts = Readonly<Record<string, string>>;

export interface Party {
  readonly code: string;
  readonly name: Texts;
  readonly government: Texts;
  readonly timeZone: string;
  readonly languages: readonly string[];
  readonly defaultLocale: Locale;
}

export type TextStatus = 'authentic' | 'official-translation' | 'working-translation';

export interface Provision {
  readonly id: string;
  readonly part: 'preamble' | 'article' | 'testimonium';
  readonly article?: number;
  readonly paragraph?: number;
  readonly role?: 'chapeau' | 'closing';
  readonly inferred: boolean;
  readonly inferredParts?: readonly ('article' | 'paragraph')[];
  readonly topics: readonly string[];
  readonly text: Texts;
  readonly status: Readonly<Record<string, TextStatus>>;
}

export interface Term {
  readonly code: string;
  readonly term: Texts;
  readonly definition: Texts;
  readonly status: 'annex' | 'working-definition';
  readonly provisions: readonly string[];
}

export interface TaxonomyEntry {
  readonly code: string;
  readonly label: Texts;
  readonly provision: string;
}

export interface TlpLevel {
  readonly code: string;
  readonly name: string;
  readonly markingDefinitionId: string;
  readonly rank: number;
  readonly label: Texts;
}

export interface Profile {
  readonly id: string;
  readonly version: string;
  readonly title: Texts;
  readonly signed: { readonly date: string; readonly place: Texts };
  readonly languages: { readonly authentic: readonly string[]; readonly working: readonly string[] };
  readonly parties: readonly Party[];
  readonly provisions: readonly Provision[];
  readonly glossary: readonly Term[];
  readonly threats: readonly TaxonomyEntry[];
  readonly directions: readonly TaxonomyEntry[];
  readonly markings: {
    readonly tlp: {
      readonly version: string;
      readonly default: string;
      readonly levels: readonly TlpLevel[];
    };
  };
}
