import { KEYWORDS } from './pattern.lexer.js';
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
} from './pattern.types.js';

const PLAIN_PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([...KEYWORDS, 'true', 'false']);

/** Prints a pattern in canonical form; parsing the result gives back the same tree. */
export function printPattern(pattern: Pattern): string {
  return printObservation(pattern.expression, 0);
}

// Binding strength of observation operators: AND binds tighter than OR, OR than FOLLOWEDBY.
const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;
const QUALIFIED_PRECEDENCE = 4;

function printObservation(expression: ObservationExpression, context: number): string {
  switch (expression.kind) {
    case 'observation':
      return `[${printComparisonExpression(expression.comparison, 0)}]`;
    case 'group':
      return `(${printObservation(expression.expression, 0)})`;
    case 'qualified':
      return wrap(
        `${printObservation(expression.expression, QUALIFIED_PRECEDENCE)} ${printQualifier(expression.qualifier)}`,
        QUALIFIED_PRECEDENCE,
        context,
      );
    case 'observation-op': {
      const own = OBSERVATION_PRECEDENCE[expression.operator];
      // Operands of the same operator at the same level are printed flat; a nested node of the
      // same operator needs parentheses to stay a separate node when reparsed.
      const text = expression.operands
        .map((operand) => printObservation(operand, own + 1))
        .join(` ${expression.operator} `);
      return wrap(text, own, context);
    }
  }
}

function wrap(text: string, own: number, context: number): string {
  return own < context ? `(${text})` : text;
}

function printQualifier(qualifier: Qualifier): string {
  switch (qualifier.kind) {
    case 'within':
      return `WITHIN ${qualifier.text} SECONDS`;
    case 'repeats':
      return `REPEATS ${qualifier.times} TIMES`;
    case 'start-stop':
      return `START t'${qualifier.startTime}' STOP t'${qualifier.stopTime}'`;
  }
}

function printComparisonExpression(expression: ComparisonExpression, context: number): string {
  if (expression.kind === 'comparison') return printComparison(expression);
  const own = expression.operator === 'OR' ? 1 : 2;
  const text = expression.operands
    .map((operand) => printComparisonExpression(operand, own + 1))
    .join(` ${expression.operator} `);
  return own < context ? `(${text})` : text;
}

function printComparison(comparison: Comparison): string {
  const path = printObjectPath(comparison.path);
  if (comparison.operator === 'EXISTS') return `EXISTS ${path}`;
  const not = comparison.negated ? 'NOT ' : '';
  const value = comparison.value ? ` ${printLiteral(comparison.value)}` : '';
  return `${path} ${not}${comparison.operator}${value}`;
}

/** `type:step.step[0]`, quoting property names that are not plain identifiers. */
export function printObjectPath(path: ObjectPath): string {
  return `${path.objectType}:${printSteps(path)}`;
}

/** The part of an object path after the colon. */
export function printSteps(path: ObjectPath): string {
  return path.steps
    .map((step, index) => {
      if (step.kind === 'index') return `[${step.index}]`;
      const name = PLAIN_PROPERTY.test(step.key) && !RESERVED.has(step.key) ? step.key : quote(step.key);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

export function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return quote(literal.value);
    case 'int':
    case 'float':
      return literal.text;
    case 'bool':
      return String(literal.value);
    case 'timestamp':
      return `t'${literal.value}'`;
    case 'hex':
      return `h'${literal.value}'`;
    case 'binary':
      return `b'${literal.value}'`;
    case 'set':
      return `(${literal.values.map(printLiteral).join(', ')})`;
  }
}

/** A STIX pattern string literal: backslash and quote are the only escapes. */
export function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
