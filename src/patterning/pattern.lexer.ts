import { PatternSyntaxError } from './pattern.errors.js';
import { isBase64Literal, isHexLiteral, isTimestampLiteral } from './pattern.literals.js';

/** Keywords are case-sensitive in STIX 2.1 (`within` is an identifier, not WITHIN). */
export const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

export type TokenKind =
  | 'keyword'
  | 'identifier'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | 'operator'
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token. */
  readonly text: string;
  /** What the parser matches on: string contents, the body of t'…'/h'…'/b'…', `=` for `==`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// The grammar's WS rule: ASCII blanks plus the Unicode space separators it lists.
const WHITESPACE = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
// Character classes by code: every indicator ingested is tokenized, and a regular expression
// test per character cost more than the rest of the lexer.
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (ch: string): boolean => ch.length === 1 && (isLetter(ch.charCodeAt(0)) || ch === '_');
const isIdentPart = (ch: string): boolean => ch.length === 1 && (isLetter(ch.charCodeAt(0)) || isDigitCode(ch.charCodeAt(0)) || ch === '_' || ch === '-');
const isDigit = (ch: string): boolean => ch.length === 1 && isDigitCode(ch.charCodeAt(0));
/** Whitespace as the grammar defines it; a space is by far the most common, so it is tried first. */
const isWhitespace = (ch: string): boolean => ch === ' ' || (ch.charCodeAt(0) < 128 ? ch === '\t' || ch === '\r' || ch === '\n' || ch === '\u000B' || ch === '\u000C' : WHITESPACE.test(ch));
const PUNCT = new Set(['[', ']', '(', ')', ':', '.', ',', '*']);
const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<>', '<=', '>=']);
const ONE_CHAR_OPERATORS = new Set(['=', '<', '>']);

/** Splits a pattern into tokens, ending with an `eof` token; throws PatternSyntaxError on bad input. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (isWhitespace(ch)) {
      i++;
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? source.length : close + 2;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else {
      const token = readToken(source, i);
      tokens.push(token);
      i = token.end;
    }
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: source.length, end: source.length });
  return tokens;
}

function readToken(source: string, start: number): Token {
  const ch = source[start] ?? '';
  if (ch === "'") return readString(source, start);
  if (isIdentStart(ch)) return readWord(source, start);
  if (isDigit(ch) || ((ch === '+' || ch === '-' || ch === '.') && startsNumber(source, start))) {
    return readNumber(source, start);
  }
  const two = source.slice(start, start + 2);
  if (TWO_CHAR_OPERATORS.has(two)) {
    const value = two === '==' ? '=' : two === '<>' ? '!=' : two;
    return { kind: 'operator', text: two, value, start, end: start + 2 };
  }
  if (ONE_CHAR_OPERATORS.has(ch)) return simple('operator', ch, start, 1);
  if (PUNCT.has(ch)) return simple('punct', ch, start, 1);
  const char = String.fromCodePoint(source.codePointAt(start) ?? 0);
  throw new PatternSyntaxError('bad-character', source, start, { text: JSON.stringify(char) });
}

function simple(kind: TokenKind, text: string, start: number, length: number): Token {
  return { kind, text, value: text, start, end: start + length };
}

function startsNumber(source: string, start: number): boolean {
  let i = start;
  if (source[i] === '+' || source[i] === '-') i++;
  if (isDigit(source[i] ?? '')) return true;
  return source[i] === '.' && isDigit(source[i + 1] ?? '');
}

function readNumber(source: string, start: number): Token {
  let i = start;
  if (source[i] === '+' || source[i] === '-') i++;
  const digitsStart = i;
  while (isDigit(source[i] ?? '')) i++;
  const intDigits = source.slice(digitsStart, i);
  if (source[i] === '.' && isDigit(source[i + 1] ?? '')) {
    i++;
    while (isDigit(source[i] ?? '')) i++;
    const text = source.slice(start, i);
    return { kind: 'float', text, value: text, start, end: i };
  }
  const text = source.slice(start, i);
  if (intDigits.length > 1 && intDigits.startsWith('0')) {
    throw new PatternSyntaxError('bad-number', source, start, { text });
  }
  return { kind: 'int', text, value: text, start, end: i };
}

function readWord(source: string, start: number): Token {
  let i = start + 1;
  while (isIdentPart(source[i] ?? '')) i++;
  const text = source.slice(start, i);
  if (source[i] === "'" && (text === 't' || text === 'h' || text === 'b'))
    return readTypedLiteral(source, start, text);
  if (text === 'true' || text === 'false') return { kind: 'bool', text, value: text, start, end: i };
  const kind: TokenKind = KEYWORDS.has(text) ? 'keyword' : 'identifier';
  return { kind, text, value: text, start, end: i };
}

/** t'…', h'…' and b'…': the body has no escapes; its shape is checked here so the error points at it. */
function readTypedLiteral(source: string, start: number, prefix: 't' | 'h' | 'b'): Token {
  const close = source.indexOf("'", start + 2);
  if (close < 0) throw new PatternSyntaxError('unterminated-string', source, start + 1);
  const body = source.slice(start + 2, close);
  const text = source.slice(start, close + 1);
  const end = close + 1;
  if (prefix === 't') {
    if (!isTimestampLiteral(body)) throw new PatternSyntaxError('bad-timestamp', source, start, { text });
    return { kind: 'timestamp', text, value: body, start, end };
  }
  if (prefix === 'h') {
    if (!isHexLiteral(body)) throw new PatternSyntaxError('bad-hex', source, start, { text });
    return { kind: 'hex', text, value: body, start, end };
  }
  if (!isBase64Literal(body)) throw new PatternSyntaxError('bad-binary', source, start, { text });
  return { kind: 'binary', text, value: body, start, end };
}

function readString(source: string, start: number): Token {
  let value = '';
  // The contents are taken a run at a time between escapes rather than a character at a time.
  let run = start + 1;
  let i = run;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "'") return { kind: 'string', text: source.slice(start, i + 1), value: value + source.slice(run, i), start, end: i + 1 };
    if (ch === '\\') {
      const next = source[i + 1];
      if (next !== "'" && next !== '\\') {
        throw new PatternSyntaxError('bad-escape', source, i, { text: JSON.stringify(`\\${next ?? ''}`) });
      }
      value += source.slice(run, i) + next;
      i += 2;
      run = i;
    } else {
      i++;
    }
  }
  throw new PatternSyntaxError('unterminated-string', source, start);
}
