import {
  compilePattern,
  parsePattern,
  type CompiledPattern,
  type ComparisonExpression,
  type ObservationExpression,
  type Pattern,
} from '../patterning/patterning.js';
import { simplePatternObservable, termObservable } from '../correlation/observables/extract.js';
import { observableKey, type Observable } from '../correlation/observables/observable.js';

/**
 * How one indicator is matched. `fast`: alternatives of observables that must all occur in one
 * observation (equality, IN and address-block ISSUBSET inside one `[ … ]`, ORed) — served by
 * hash lookups. `slow`: anything else, run by the patterning matcher, compiled once.
 */
export type IndicatorPlan =
  | { readonly kind: 'fast'; readonly alternatives: readonly (readonly Observable[])[] }
  | { readonly kind: 'slow'; readonly compiled: CompiledPattern; readonly types: ReadonlySet<string> }
  | { readonly kind: 'none' };

const MAX_ALTERNATIVES = 256;
const NONE: IndicatorPlan = { kind: 'none' };

/** The plan for a STIX pattern; `none` when it does not parse. */
export function planPattern(text: string): IndicatorPlan {
  const simple = simplePatternObservable(text);
  if (simple) return { kind: 'fast', alternatives: [[simple]] };
  let pattern: Pattern;
  try {
    pattern = parsePattern(text);
  } catch {
    return NONE;
  }
  const alternatives = patternForm(pattern.expression);
  if (alternatives && alternatives.length > 0)
    return { kind: 'fast', alternatives: alternatives.map(dedupeTerms) };
  return { kind: 'slow', compiled: compilePattern(pattern), types: objectTypes(pattern.expression) };
}

type Form = Observable[][] | undefined;

function patternForm(e: ObservationExpression): Form {
  switch (e.kind) {
    case 'observation':
      return comparisonForm(e.comparison);
    case 'group':
      return patternForm(e.expression);
    case 'observation-op':
      return e.operator === 'OR' ? union(e.operands.map(patternForm)) : undefined;
    case 'qualified':
      return undefined;
  }
}

function comparisonForm(c: ComparisonExpression): Form {
  if (c.kind === 'logical') {
    const forms = c.operands.map(comparisonForm);
    return c.operator === 'OR' ? union(forms) : product(forms);
  }
  if (c.negated || !c.value) return undefined;
  const term = (literal: typeof c.value): Observable | undefined => {
    const text =
      literal.kind === 'string' ? literal.value : literal.kind === 'int' ? literal.text : undefined;
    return text === undefined ? undefined : termObservable(c.path.objectType, c.path.steps, text);
  };
  const ipBlock =
    c.operator === 'ISSUBSET' && (c.path.objectType === 'ipv4-addr' || c.path.objectType === 'ipv6-addr');
  if (c.operator === '=' || ipBlock) {
    const found = term(c.value);
    return found ? [[found]] : undefined;
  }
  if (c.operator === 'IN' && c.value.kind === 'set') {
    const found = c.value.values.map(term);
    return found.every((o): o is Observable => o !== undefined) && found.length > 0
      ? found.map((o) => [o])
      : undefined;
  }
  return undefined;
}

function union(forms: readonly Form[]): Form {
  if (forms.some((f) => f === undefined)) return undefined;
  const all = (forms as Observable[][][]).flat();
  return all.length > MAX_ALTERNATIVES ? undefined : all;
}

function product(forms: readonly Form[]): Form {
  if (forms.some((f) => f === undefined)) return undefined;
  let out: Observable[][] = [[]];
  for (const form of forms as Observable[][][]) {
    if (out.length * form.length > MAX_ALTERNATIVES) return undefined;
    out = out.flatMap((left) => form.map((right) => [...left, ...right]));
  }
  return out;
}

function dedupeTerms(terms: readonly Observable[]): Observable[] {
  const seen = new Map<string, Observable>();
  for (const t of terms) seen.set(observableKey(t), t);
  return [...seen.values()];
}

function objectTypes(e: ObservationExpression): Set<string> {
  const types = new Set<string>();
  const visitComparison = (c: ComparisonExpression): void => {
    if (c.kind === 'logical') c.operands.forEach(visitComparison);
    else types.add(c.path.objectType);
  };
  const visit = (x: ObservationExpression): void => {
    if (x.kind === 'observation') visitComparison(x.comparison);
    else if (x.kind === 'observation-op') x.operands.forEach(visit);
    else visit(x.expression);
  };
  visit(e);
  return types;
}
