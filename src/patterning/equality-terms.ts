import { printSteps } from './pattern.printer.js';
import type { ComparisonExpression, Literal, ObservationExpression, Pattern } from './pattern.types.js';

/** `objectType:path = value` — one indicator-of-compromise value. */
export interface EqualityTerm {
  readonly objectType: string;
  /** The object path after the colon, as printed in patterns (e.g. `hashes.'SHA-256'`). */
  readonly path: string;
  readonly value: string;
}

const MAX_CONJUNCTIONS = 1000;

/**
 * The equality terms of a pattern made only of `=` / `IN` comparisons joined by AND and OR (in
 * and between observation expressions); undefined when anything else occurs (NOT, other
 * operators, FOLLOWEDBY, qualifiers, non-scalar constants).
 */
export function equalityTerms(pattern: Pattern): EqualityTerm[] | undefined {
  const conjunctions = equalityConjunctions(pattern);
  if (!conjunctions) return undefined;
  const seen = new Set<string>();
  const terms: EqualityTerm[] = [];
  for (const term of conjunctions.flat()) {
    const key = `${term.objectType}\u0000${term.path}\u0000${term.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      terms.push(term);
    }
  }
  return terms;
}

/**
 * The same patterns in disjunctive normal form: a list of alternatives, each a list of terms
 * that must all hold. Undefined when the pattern is not of that kind or the form would exceed
 * a thousand alternatives.
 */
export function equalityConjunctions(pattern: Pattern): EqualityTerm[][] | undefined {
  return observationForm(pattern.expression);
}

type Form = EqualityTerm[][] | undefined;

function observationForm(expression: ObservationExpression): Form {
  switch (expression.kind) {
    case 'observation':
      return comparisonForm(expression.comparison);
    case 'group':
      return observationForm(expression.expression);
    case 'qualified':
      return undefined;
    case 'observation-op':
      if (expression.operator === 'FOLLOWEDBY') return undefined;
      return combine(expression.operator, expression.operands.map(observationForm));
  }
}

function comparisonForm(expression: ComparisonExpression): Form {
  if (expression.kind === 'logical')
    return combine(expression.operator, expression.operands.map(comparisonForm));
  if (expression.negated || !expression.value) return undefined;
  const path = printSteps(expression.path);
  const { objectType } = expression.path;
  if (expression.operator === '=') {
    const value = scalarText(expression.value);
    return value === undefined ? undefined : [[{ objectType, path, value }]];
  }
  if (expression.operator === 'IN' && expression.value.kind === 'set') {
    const values = expression.value.values.map(scalarText);
    if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
    return values.map((value) => [{ objectType, path, value: value ?? '' }]);
  }
  return undefined;
}

function scalarText(literal: Literal): string | undefined {
  switch (literal.kind) {
    case 'string':
      return literal.value;
    case 'int':
    case 'float':
      return literal.text;
    case 'bool':
      return String(literal.value);
    case 'timestamp':
    case 'hex':
    case 'binary':
    case 'set':
      return undefined;
  }
}

function combine(operator: 'AND' | 'OR', forms: readonly Form[]): Form {
  if (forms.some((form) => form === undefined)) return undefined;
  const defined = forms as readonly EqualityTerm[][][];
  if (operator === 'OR') {
    const all = defined.flat();
    return all.length > MAX_CONJUNCTIONS ? undefined : all;
  }
  let product: EqualityTerm[][] = [[]];
  for (const form of defined) {
    if (product.length * form.length > MAX_CONJUNCTIONS) return undefined;
    product = product.flatMap((left) => form.map((right) => [...left, ...right]));
  }
  return product;
}
