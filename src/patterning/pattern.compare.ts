import { networkContains, parseIpNetwork, type IpNetwork } from './ip-network.js';
import { base64ToBytes, bytesToLatin1, compareBytes, hexToBytes, timestampKey } from './pattern.literals.js';
import { compileStixRegex } from './pattern.regex.js';
import type { Comparison, Literal, ScalarLiteral } from './pattern.types.js';

/**
 * How a property is stored decides how typed literals compare with it: `*_bin` properties hold
 * base64 and `*_hex` properties hold hex (STIX 2.1 §3.1 binary and hex types).
 */
export type Storage = 'plain' | 'bin' | 'hex';

/**
 * Tests one property value. `undefined` means the value and the constant are of incompatible
 * types: the comparison is then false whether or not it is negated.
 */
export type ValueTest = (value: unknown, storage: Storage) => boolean | undefined;

/** Compiles the operator and constant of a comparison into a value test. */
export function compileValueTest(comparison: Comparison): ValueTest {
  const literal = comparison.value;
  switch (comparison.operator) {
    case '=':
      return literal ? equalityTest(literal) : never;
    case '!=': {
      const equal = literal ? equalityTest(literal) : never;
      return (value, storage) => invert(equal(value, storage));
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!literal || literal.kind === 'set') return never;
      const order = orderFor(literal);
      const accept = ORDER_ACCEPTS[comparison.operator];
      return (value, storage) => {
        const result = order(value, storage);
        return result === undefined ? undefined : accept(result);
      };
    }
    case 'IN':
      return literal?.kind === 'set' ? setTest(literal.values) : never;
    case 'LIKE':
      return literal?.kind === 'string' ? regexTest(likeToRegex(literal.value)) : never;
    case 'MATCHES': {
      if (literal?.kind !== 'string') return never;
      const compiled = compileStixRegex(literal.value);
      return 'regex' in compiled ? regexTest(compiled.regex) : never;
    }
    case 'ISSUBSET':
    case 'ISSUPERSET':
      return literal?.kind === 'string' ? networkTest(comparison.operator, literal.value) : never;
    case 'EXISTS':
      return () => true;
  }
}

const never: ValueTest = () => undefined;

const ORDER_ACCEPTS: Record<'<' | '<=' | '>' | '>=', (order: number) => boolean> = {
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

function invert(result: boolean | undefined): boolean | undefined {
  return result === undefined ? undefined : !result;
}

function equalityTest(literal: Literal): ValueTest {
  if (literal.kind === 'set') return never;
  if (literal.kind === 'bool')
    return (value) => (typeof value === 'boolean' ? value === literal.value : undefined);
  const order = orderFor(literal);
  return (value, storage) => {
    const result = order(value, storage);
    return result === undefined ? undefined : result === 0;
  };
}

type Order = (value: unknown, storage: Storage) => number | undefined;

/** A comparator of property values against one constant, undefined on type mismatch. */
function orderFor(literal: ScalarLiteral): Order {
  switch (literal.kind) {
    case 'string':
      return (value) => (typeof value === 'string' ? compareCodePoints(value, literal.value) : undefined);
    case 'int':
    case 'float':
      return (value) => (typeof value === 'number' ? Math.sign(value - literal.value) : undefined);
    case 'bool':
      return () => undefined;
    case 'timestamp': {
      const key = timestampKey(literal.value) ?? '';
      return (value) => {
        const valueKey = typeof value === 'string' ? timestampKey(value) : undefined;
        return valueKey === undefined ? undefined : compareCodePoints(valueKey, key);
      };
    }
    case 'hex':
    case 'binary': {
      const bytes =
        (literal.kind === 'hex' ? hexToBytes(literal.value) : base64ToBytes(literal.value)) ??
        new Uint8Array();
      return (value, storage) => {
        const valueBytes = storedBytes(value, storage);
        return valueBytes === undefined ? undefined : Math.sign(compareBytes(valueBytes, bytes));
      };
    }
  }
}

function storedBytes(value: unknown, storage: Storage): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  if (storage === 'bin') return base64ToBytes(value);
  if (storage === 'hex') return hexToBytes(value);
  return undefined;
}

function setTest(values: readonly Literal[]): ValueTest {
  const tests = values.map(equalityTest);
  return (value, storage) => {
    let comparable = false;
    for (const test of tests) {
      const result = test(value, storage);
      if (result === true) return true;
      if (result === false) comparable = true;
    }
    return comparable ? false : undefined;
  };
}

function regexTest(regex: RegExp): ValueTest {
  return (value, storage) => {
    if (typeof value !== 'string') return undefined;
    if (storage === 'plain') return regex.test(value);
    const bytes = storedBytes(value, storage);
    return bytes === undefined ? undefined : regex.test(bytesToLatin1(bytes));
  };
}

/** SQL LIKE: `%` is any run of characters, `_` exactly one; everything else is literal. */
export function likeToRegex(like: string): RegExp {
  let source = '';
  for (const ch of like) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

function networkTest(operator: 'ISSUBSET' | 'ISSUPERSET', text: string): ValueTest {
  const constant: IpNetwork | undefined = parseIpNetwork(text);
  return (value) => {
    if (typeof value !== 'string' || !constant) return undefined;
    const network = parseIpNetwork(value);
    if (!network || network.family !== constant.family) return undefined;
    return operator === 'ISSUBSET' ? networkContains(constant, network) : networkContains(network, constant);
  };
}

/** Orders strings by Unicode code point, as the specification asks (not by UTF-16 unit). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const d = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(left.length - right.length);
}
