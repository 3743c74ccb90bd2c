import type { Message } from '../i18n/messages.js';
import type { IssueSink } from './stix-issue.js';
import type { ResolvedType } from './type-registry.js';

/** A grammar check for indicator patterns, supplied by the patterning module. */
export type PatternChecker = (
  pattern: string,
  patternType: string,
  patternVersion?: string,
) => { message: Message; position?: number } | undefined;

/** What every semantic rule receives besides the object. */
export interface RuleContext {
  readonly checkPattern?: PatternChecker;
}

/** A semantic rule: reports problems of one object the schemas cannot see. */
export type ObjectRule = (
  obj: Readonly<Record<string, unknown>>,
  type: ResolvedType,
  sink: IssueSink,
  ctx: RuleContext,
) => void;
