import { compileComparisonMatcher, type ComparisonMatcher } from './comparison.matcher.js';
import { observationContext, type Observation, type ObservationContext } from './observation.js';
import { parsePattern } from './pattern.parser.js';
import type { ObservationExpression, ObservationTest, Pattern } from './pattern.types.js';

/**
 * Matching semantics (STIX 2.1 §9, with the choices the text leaves open written down):
 * - `[ … ]` matches one observation; comparisons on one object type bind to one object.
 * - AND and FOLLOWEDBY need distinct observations for their operands; an observation with
 *   `number_observed` n may be used up to n times (that is also how REPEATS counts it).
 * - FOLLOWEDBY: every left observation's first_observed ≤ every right one's first_observed.
 * - WITHIN n SECONDS: from the earliest first_observed to the latest last_observed ≤ n s.
 * - START s STOP e: every observation has s ≤ first_observed and last_observed < e.
 * - REPEATS n TIMES: n matches of the operand using distinct observation uses.
 */

export interface MatchResult {
  readonly matched: boolean;
  /** The observations of the first match found, in input order (empty when not matched). */
  readonly observations: readonly Observation[];
  readonly indexes: readonly number[];
  /** The search gave up after its step budget; `matched` false then means "not proven". */
  readonly truncated: boolean;
}

/** A pattern prepared for repeated matching. */
export interface CompiledPattern {
  readonly kind: 'compiled-pattern';
  readonly pattern: Pattern;
  readonly leaves: ReadonlyMap<ObservationTest, ComparisonMatcher>;
}

export interface MatchOptions {
  /** Upper bound on combination steps (default 1,000,000) so hostile patterns cannot hang a node. */
  readonly budget?: number;
}

/** Compiles a pattern (or pattern text) once for fast repeated matching. */
export function compilePattern(pattern: Pattern | string): CompiledPattern {
  const parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  const leaves = new Map<ObservationTest, ComparisonMatcher>();
  const visit = (expression: ObservationExpression): void => {
    switch (expression.kind) {
      case 'observation':
        leaves.set(expression, compileComparisonMatcher(expression.comparison));
        return;
      case 'observation-op':
        expression.operands.forEach(visit);
        return;
      case 'qualified':
      case 'group':
        visit(expression.expression);
        return;
    }
  };
  visit(parsed.expression);
  return { kind: 'compiled-pattern', pattern: parsed, leaves };
}

/** Evaluates a pattern against observations and says whether (and with which) it matched. */
export function matchPattern(
  pattern: Pattern | CompiledPattern,
  observations: readonly Observation[],
  options: MatchOptions = {},
): MatchResult {
  const compiled = pattern.kind === 'compiled-pattern' ? pattern : compilePattern(pattern);
  const search = new Search(compiled, observations.map(observationContext), options.budget ?? 1_000_000);
  try {
    for (const binding of search.bindings(compiled.pattern.expression, OPEN)) {
      const indexes = [...new Set(binding.uses)];
      return {
        matched: true,
        indexes,
        observations: indexes.flatMap((i) => observations[i] ?? []),
        truncated: false,
      };
    }
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return { matched: false, indexes: [], observations: [], truncated: true };
  }
  return { matched: false, indexes: [], observations: [], truncated: false };
}

/** A candidate match: which observations it uses (with multiplicity) and when they happened. */
interface Binding {
  readonly uses: readonly number[];
  readonly minFirst: number;
  readonly maxFirst: number;
  readonly maxLast: number;
}

/** Limits qualifiers above a node put on every binding it yields (times in epoch ms). */
interface Limits {
  readonly span: number;
  readonly from: number;
  readonly to: number;
}

const OPEN: Limits = { span: Infinity, from: -Infinity, to: Infinity };
class BudgetExhausted extends Error {}

class Search {
  private readonly leafHits = new Map<ObservationTest, number[]>();
  private budget: number;

  constructor(
    private readonly compiled: CompiledPattern,
    private readonly contexts: readonly ObservationContext[],
    budget: number,
  ) {
    this.budget = budget;
  }

  *bindings(expression: ObservationExpression, limits: Limits): Generator<Binding> {
    switch (expression.kind) {
      case 'observation':
        yield* this.leaf(expression, limits);
        return;
      case 'group':
        yield* this.bindings(expression.expression, limits);
        return;
      case 'qualified':
        yield* this.qualified(expression.expression, expression.qualifier, limits);
        return;
      case 'observation-op':
        if (expression.operator === 'OR') {
          for (const operand of expression.operands) yield* this.bindings(operand, limits);
        } else {
          yield* this.chain(expression.operands, expression.operator === 'FOLLOWEDBY', limits);
        }
    }
  }

  private *leaf(test: ObservationTest, limits: Limits): Generator<Binding> {
    for (const index of this.hits(test)) {
      const context = this.contexts[index];
      if (!context) continue;
      const { first, last } = context;
      if (first >= limits.from && last < limits.to && last - first <= limits.span) {
        yield { uses: [index], minFirst: first, maxFirst: first, maxLast: last };
      }
    }
  }

  private hits(test: ObservationTest): number[] {
    let hits = this.leafHits.get(test);
    if (!hits) {
      const matcher = this.compiled.leaves.get(test) ?? compileComparisonMatcher(test.comparison);
      hits = [];
      for (const [index, context] of this.contexts.entries()) if (matcher.matches(context)) hits.push(index);
      this.leafHits.set(test, hits);
    }
    return hits;
  }

  private *qualified(
    inner: ObservationExpression,
    qualifier: Extract<ObservationExpression, { kind: 'qualified' }>['qualifier'],
    limits: Limits,
  ): Generator<Binding> {
    switch (qualifier.kind) {
      case 'within':
        yield* this.bindings(inner, { ...limits, span: Math.min(limits.span, qualifier.seconds * 1000) });
        return;
      case 'start-stop':
        yield* this.bindings(inner, {
          ...limits,
          from: Math.max(limits.from, Date.parse(qualifier.startTime)),
          to: Math.min(limits.to, Date.parse(qualifier.stopTime)),
        });
        return;
      case 'repeats':
        yield* this.repeats(inner, qualifier.times, limits);
    }
  }

  /** AND / FOLLOWEDBY: one binding per operand, merged left to right. */
  private *chain(
    operands: readonly ObservationExpression[],
    ordered: boolean,
    limits: Limits,
  ): Generator<Binding> {
    const lists = operands.map((operand) => new LazyList(this.bindings(operand, limits)));
    const extend = function* (this: Search, index: number, acc: Binding | undefined): Generator<Binding> {
      const list = lists[index];
      if (!list) {
        if (acc) yield acc;
        return;
      }
      for (const next of list) {
        if (acc && ordered && next.minFirst < acc.maxFirst) continue;
        const merged = acc ? this.merge(acc, next, limits) : next;
        if (merged) yield* extend.call(this, index + 1, merged);
      }
    };
    yield* extend.call(this, 0, undefined);
  }

  /** REPEATS n: n operand bindings chosen in list order (the same one again if capacity allows). */
  private *repeats(inner: ObservationExpression, times: number, limits: Limits): Generator<Binding> {
    const list = new LazyList(this.bindings(inner, limits));
    if (this.totalCapacity(list) < times) return;
    const choose = function* (
      this: Search,
      from: number,
      left: number,
      acc: Binding | undefined,
    ): Generator<Binding> {
      if (left === 0) {
        if (acc) yield acc;
        return;
      }
      for (let i = from; list.has(i); i++) {
        const next = list.get(i);
        const merged = next && (acc ? this.merge(acc, next, limits) : next);
        if (merged) yield* choose.call(this, i, left - 1, merged);
      }
    };
    yield* choose.call(this, 0, times, undefined);
  }

  /** How many observation uses all bindings of a list could draw on together. */
  private totalCapacity(list: LazyList<Binding>): number {
    const used = new Set<number>();
    for (const binding of list) for (const index of binding.uses) used.add(index);
    let total = 0;
    for (const index of used) total += this.contexts[index]?.capacity ?? 0;
    return total;
  }

  /** Joins two bindings if no observation is used beyond its count and the span still fits. */
  private merge(a: Binding, b: Binding, limits: Limits): Binding | undefined {
    if (--this.budget < 0) throw new BudgetExhausted('match budget exhausted');
    const minFirst = Math.min(a.minFirst, b.minFirst);
    const maxLast = Math.max(a.maxLast, b.maxLast);
    if (maxLast - minFirst > limits.span) return undefined;
    const uses = [...a.uses, ...b.uses].sort((x, y) => x - y);
    let run = 0;
    for (let i = 0; i < uses.length; i++) {
      run = i > 0 && uses[i] === uses[i - 1] ? run + 1 : 1;
      const context = this.contexts[uses[i] ?? -1];
      if (!context || run > context.capacity) return undefined;
    }
    return { uses, minFirst, maxFirst: Math.max(a.maxFirst, b.maxFirst), maxLast };
  }
}

/** A generator whose items are kept, so it can be iterated many times and indexed. */
class LazyList<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private done = false;

  constructor(private readonly source: Iterator<T>) {}

  has(index: number): boolean {
    while (index >= this.items.length && !this.done) {
      const next = this.source.next();
      if (next.done) this.done = true;
      else this.items.push(next.value);
    }
    return index < this.items.length;
  }

  get(index: number): T | undefined {
    return this.has(index) ? this.items[index] : undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; this.has(i); i++) {
      const item = this.items[i];
      if (item !== undefined) yield item;
    }
  }
}
