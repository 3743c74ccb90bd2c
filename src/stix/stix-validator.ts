import { checkDuplicates, checkMarkingCycles } from './bundle-rules.js';
import { objectRules } from './object-rules.js';
import { compileSchema, usePrebuiltValidators } from './schema-compiler.js';
import { bundleEnvelope, prebuiltStixValidators, stixSchemas } from './stix-validators.prebuilt.js';
import { reportSchemaErrors } from './schema-issues.js';
import { identifierType, isIdentifier, isTypeName } from './stix-identifier.js';
import { IssueSink, isRecord, type StixIssue, type StixValidationResult } from './stix-issue.js';
import { customObservable, customVersioned, specType, type ResolvedType } from './type-registry.js';
import type { ObjectRule, PatternChecker, RuleContext } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

export type { PatternChecker } from './rule-context.js';

export interface StixValidatorOptions {
  /** Grammar check for indicator patterns; without it patterns are only checked to be non-empty. */
  checkPattern?: PatternChecker;
  /** Further rules run on every object after Accord's own (e.g. full checks of Accord's exchange kinds). */
  extraRules?: readonly ObjectRule[];
}

export interface StixValidator {
  /** Validates one STIX object (not a bundle). */
  validateObject(value: unknown): StixValidationResult;
  /** Validates a bundle envelope and every object in it; issues carry paths like /objects/3/created. */
  validateBundle(value: unknown): StixValidationResult;
}

// The build's compiled validators, taken at the first validation instead of compiling the schemas.
usePrebuiltValidators(() => prebuiltStixValidators());

/** What a custom object declares itself to be through a new-sdo/new-sro/new-sco extension. */
function declaredKind(extensions: unknown): 'versioned' | 'observable' | undefined {
  if (!isRecord(extensions)) return undefined;
  for (const key in extensions) {
    const value = extensions[key];
    if (!isRecord(value)) continue;
    if (value.extension_type === 'new-sco') return 'observable';
    if (value.extension_type === 'new-sdo' || value.extension_type === 'new-sro') return 'versioned';
  }
  return undefined;
}

/**
 * The definition to validate against: the spec's own, or the common properties for custom
 * objects (an `x-` type, or any type declared through a new-object extension). Undefined for an
 * unknown type that is neither, which is most often a typo.
 */
function resolveType(obj: Readonly<Record<string, unknown>>, type: string): ResolvedType | undefined {
  const known = specType(type);
  if (known) return known;
  const declared = declaredKind(obj.extensions);
  if (declared === undefined && !type.startsWith('x-')) return undefined;
  if (declared === 'observable') return customObservable;
  if (declared === 'versioned' || obj.created !== undefined || obj.modified !== undefined)
    return customVersioned;
  return customObservable;
}

function validateInto(value: unknown, sink: IssueSink, ctx: RuleContext, extraRules: readonly ObjectRule[] = []): void {
  if (!isRecord(value)) {
    sink.error('', 'not-an-object', issueMessage('objectNotJsonObject'));
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !isTypeName(type)) {
    const problem = type === undefined ? issueMessage('typeRequired') : issueMessage('typeFormat');
    sink.error('/type', type === undefined ? 'required-property' : 'type-format', problem);
    return;
  }
  if (type === 'bundle') {
    sink.error('/type', 'unexpected-bundle', issueMessage('unexpectedBundle'));
    return;
  }
  const resolved = resolveType(value, type);
  if (!resolved) {
    sink.error(
      '/type',
      'type-unknown',
      issueMessage('typeUnknown', { type }),
    );
    return;
  }
  const schema = compileSchema(resolved.schema);
  if (!schema.fast(value)) reportSchemaErrors(schema.detailed(value), sink);
  for (const rule of objectRules) rule(value, resolved, sink, ctx);
  for (const rule of extraRules) rule(value, resolved, sink, ctx);
}

function result(issues: StixIssue[]): StixValidationResult {
  return { valid: !issues.some((issue) => issue.severity === 'error'), issues };
}

function validateBundleInto(value: unknown, issues: StixIssue[], ctx: RuleContext, extraRules: readonly ObjectRule[]): void {
  const sink = new IssueSink(issues, '');
  if (!isRecord(value)) {
    sink.error('', 'not-an-object', issueMessage('bundleNotJsonObject'));
    return;
  }
  if (value.type !== 'bundle') {
    sink.error('/type', 'not-a-bundle', issueMessage('notABundle'));
    return;
  }
  const schema = compileSchema(bundleEnvelope);
  if (!schema.fast(value)) reportSchemaErrors(schema.detailed(value), sink);
  if (typeof value.id === 'string' && isIdentifier(value.id) && identifierType(value.id) !== 'bundle') {
    sink.error('/id', 'id-type-mismatch', issueMessage('bundleId'));
  }
  if (value.spec_version !== undefined)
    sink.warn(
      '/spec_version',
      'bundle-spec-version',
      issueMessage('bundleSpecVersion'),
    );
  const objects = value.objects;
  if (!Array.isArray(objects)) return;
  objects.forEach((obj, i) => validateInto(obj, new IssueSink(issues, `/objects/${i}`), ctx, extraRules));
  checkDuplicates(objects, sink);
  checkMarkingCycles(objects, sink);
}

/**
 * Compiles the schema of every type Accord validates (the spec's, custom objects', the bundle's)
 * ahead of use, one per turn of the event loop (`pause`), so that a serving node answers requests
 * meanwhile. Lazily, the first object of each type paid for its schema: the first ATT&CK bundle a
 * node received waited ~450 ms for its types' compilation. Returns how many schemas it compiled.
 */
export async function compileStixSchemas(pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<number> {
  const schemas = stixSchemas();
  for (const schema of schemas) {
    compileSchema(schema);
    await pause();
  }
  return schemas.length;
}

/** Creates Accord's STIX 2.1 validator; schemas are compiled once per process, on first use (or ahead, by compileStixSchemas). */
export function createStixValidator(options: StixValidatorOptions = {}): StixValidator {
  const ctx: RuleContext = { checkPattern: options.checkPattern };
  const extraRules = options.extraRules ?? [];
  return {
    validateObject(value) {
      const issues: StixIssue[] = [];
      validateInto(value, new IssueSink(issues, ''), ctx, extraRules);
      return result(issues);
    },
    validateBundle(value) {
      const issues: StixIssue[] = [];
      validateBundleInto(value, issues, ctx, extraRules);
      return result(issues);
    },
  };
}
