import type { JsonObject, ObservationContext } from './observation.js';
import { compileValueTest, type Storage } from './pattern.compare.js';
import type { Comparison, ComparisonExpression, PathStep } from './pattern.types.js';

/** Which object of each referenced type the comparisons of one `[ … ]` are evaluated on. */
export type TypeBinding = ReadonlyMap<string, JsonObject>;

type Test = (binding: TypeBinding, context: ObservationContext) => boolean;

/**
 * A compiled `[ … ]`: true for an observation when some choice of one object per referenced
 * type satisfies the whole expression — comparisons on the same type bind to the same object.
 */
export interface ComparisonMatcher {
  readonly types: readonly string[];
  matches(context: ObservationContext): boolean;
}

/** Compiles the comparison expression of one observation expression. */
export function compileComparisonMatcher(expression: ComparisonExpression): ComparisonMatcher {
  const test = compileExpression(expression);
  const types = [...collectTypes(expression, new Set())];
  return {
    types,
    matches(context) {
      const binding = new Map<string, JsonObject>();
      const choose = (index: number): boolean => {
        const type = types[index];
        if (type === undefined) return test(binding, context);
        const candidates = context.byType.get(type) ?? [];
        if (candidates.length === 0) {
          binding.delete(type);
          return choose(index + 1);
        }
        for (const candidate of candidates) {
          binding.set(type, candidate);
          if (choose(index + 1)) return true;
        }
        return false;
      };
      return choose(0);
    },
  };
}

function collectTypes(expression: ComparisonExpression, into: Set<string>): Set<string> {
  if (expression.kind === 'comparison') into.add(expression.path.objectType);
  else for (const operand of expression.operands) collectTypes(operand, into);
  return into;
}

function compileExpression(expression: ComparisonExpression): Test {
  if (expression.kind === 'comparison') return compileComparison(expression);
  const operands = expression.operands.map(compileExpression);
  return expression.operator === 'AND'
    ? (binding, context) => operands.every((operand) => operand(binding, context))
    : (binding, context) => operands.some((operand) => operand(binding, context));
}

function compileComparison(comparison: Comparison): Test {
  const { objectType, steps } = comparison.path;
  const storage = storageOf(steps);
  if (comparison.operator === 'EXISTS') {
    return (binding, context) => {
      const root = binding.get(objectType);
      return root !== undefined && resolvePath(root, steps, context).length > 0;
    };
  }
  const test = compileValueTest(comparison);
  return (binding, context) => {
    const root = binding.get(objectType);
    if (!root) return false;
    for (const value of resolvePath(root, steps, context)) {
      const result = test(value, storage);
      if (result === undefined) continue;
      if (comparison.negated ? !result : result) return true;
    }
    return false;
  };
}

function storageOf(steps: readonly PathStep[]): Storage {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (step?.kind === 'key')
      return step.key.endsWith('_bin') ? 'bin' : step.key.endsWith('_hex') ? 'hex' : 'plain';
  }
  return 'plain';
}

interface Located {
  readonly value: unknown;
  /** The value came from a `*_ref`/`*_refs` property: a further step dereferences it. */
  readonly reference: boolean;
}

/**
 * All values an object path reaches from an object: `[*]` fans out over list elements (and
 * dictionary values), a step after a `_ref` follows the reference within the observation.
 */
export function resolvePath(
  root: JsonObject,
  steps: readonly PathStep[],
  context: ObservationContext,
): unknown[] {
  let current: Located[] = [{ value: root, reference: false }];
  for (const step of steps) {
    const next: Located[] = [];
    for (const located of current) {
      const value =
        located.reference && typeof located.value === 'string'
          ? context.byRef.get(located.value)
          : located.value;
      if (step.kind === 'key') {
        if (isRecord(value) && Object.hasOwn(value, step.key)) {
          const child = value[step.key];
          if (child !== undefined && child !== null) {
            next.push({ value: child, reference: step.key.endsWith('_ref') || step.key.endsWith('_refs') });
          }
        }
      } else {
        for (const element of indexInto(value, step.index))
          next.push({ value: element, reference: located.reference });
      }
    }
    current = next;
  }
  return current.map((located) => located.value);
}

function indexInto(value: unknown, index: number | '*'): unknown[] {
  if (Array.isArray(value)) {
    if (index === '*') return value as unknown[];
    const element: unknown = value[index < 0 ? value.length + index : index];
    return element === undefined ? [] : [element];
  }
  if (isRecord(value) && index === '*') return Object.values(value);
  return [];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
