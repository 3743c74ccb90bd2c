import { literal, type Message } from '../i18n/messages.js';
import type { JsonSchema } from './common.schema.js';

/** Where a STIX type belongs: domain, relationship, cyber-observable, meta (markings, extension
 * definitions, language content, bundle), or custom (anything the spec does not define). */
export type StixCategory = 'sdo' | 'sro' | 'sco' | 'meta' | 'custom';

/** Which object types an `_ref`/`_refs` property may point at. */
export interface RefTargets {
  readonly types?: readonly string[];
  readonly categories?: readonly StixCategory[];
  /** Types refused even when their category is allowed. */
  readonly except?: readonly string[];
  /** What the property may point at, as the messages say it ("an SDO", "identity"). */
  readonly label: Message;
}

/** A reference property, found by walking `path` (`*` = every element of a list). */
export interface RefRule {
  readonly path: readonly string[];
  readonly targets: RefTargets;
}

/** Two timestamps that must be in order (later ≥ earlier, or > when strict). */
export interface TimeOrder {
  readonly earlier: string;
  readonly later: string;
  readonly strict: boolean;
}

/** A co-constraint between properties that JSON Schema would only express with noisy oneOf/anyOf. */
export interface Combination {
  /** Returns the offending property (JSON pointer, relative) and a message, or undefined. */
  check(obj: Readonly<Record<string, unknown>>): { path: string; message: Message } | undefined;
}

/** Everything Accord knows about one STIX type: its schema pieces and its semantic rules. */
export interface TypeSpec {
  readonly type: string;
  readonly category: Exclude<StixCategory, 'custom'>;
  /** Type-specific properties (the common ones are added by category). */
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly refs?: readonly RefRule[];
  readonly order?: readonly TimeOrder[];
  /** Predefined extensions (SCOs only), by extension name. */
  readonly extensions?: Readonly<Record<string, JsonSchema>>;
  readonly combinations?: readonly Combination[];
  /** Properties the spec deprecates: accepted with a warning. */
  readonly deprecated?: readonly string[];
}

/** Allowed ref targets given by type names. */
export function toTypes(...types: string[]): RefTargets {
  return { types, label: literal(types.join(' | ')) };
}

/** A reference rule for a top-level property or a nested path (`a.*.b`). */
export function ref(path: string, targets: RefTargets): RefRule {
  return { path: path.split('.'), targets };
}

/** `later` must not be before `earlier` (or must be after it when strict). */
export function ordered(earlier: string, later: string, strict = false): TimeOrder {
  return { earlier, later, strict };
}
