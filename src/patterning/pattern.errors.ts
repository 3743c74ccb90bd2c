import { AccordError } from '../errors/errors.js';
import { defineMessages, type Message, type MessageParams } from '../i18n/messages.js';

const en = {
  expected: 'at {position}: expected {expected}, found {found}',
  'unterminated-string': 'at {position}: unterminated string literal',
  'bad-escape': "at {position}: invalid escape {text} in string literal (only \\' and \\\\ are allowed)",
  'bad-character': 'at {position}: unexpected character {text}',
  'bad-number': 'at {position}: invalid number {text} (no leading zeros)',
  'bad-timestamp':
    "at {position}: invalid timestamp literal {text} (expected t'YYYY-MM-DDTHH:MM:SS[.fraction]Z')",
  'bad-hex': 'at {position}: invalid hex literal {text} (expected pairs of hexadecimal digits)',
  'bad-binary': 'at {position}: invalid base64 literal {text}',
  'hyphen-property': "at {position}: property name {text} contains '-' and must be quoted",
  'duplicate-qualifier': 'at {position}: duplicate {qualifier} qualifier on the same observation expression',
  'repeats-positive': 'at {position}: REPEATS needs a positive number of times, found {text}',
  'within-positive': 'at {position}: WITHIN needs a positive number of seconds, found {text}',
  'stop-before-start': 'at {position}: STOP {stop} must be later than START {start}',
  'bad-hash': "at {position}: '{value}' is not a valid {algorithm} hash",
  'bad-regex': 'at {position}: MATCHES regular expression does not compile: {reason}',
} as const;

const message = defineMessages(
  'pattern',
  en,
  {
    expected: '位置 {position}:应为 {expected},实际为 {found}',
    'unterminated-string': '位置 {position}:字符串字面量未结束',
    'bad-escape': "位置 {position}:字符串中的转义 {text} 无效(只允许 \\' 和 \\\\)",
    'bad-character': '位置 {position}:意外的字符 {text}',
    'bad-number': '位置 {position}:无效的数字 {text}(不允许前导零)',
    'bad-timestamp': "位置 {position}:无效的时间戳字面量 {text}(应为 t'YYYY-MM-DDTHH:MM:SS[.小数]Z')",
    'bad-hex': '位置 {position}:无效的十六进制字面量 {text}(应为成对的十六进制数字)',
    'bad-binary': '位置 {position}:无效的 base64 字面量 {text}',
    'hyphen-property': "位置 {position}:属性名 {text} 含有 '-',必须加引号",
    'duplicate-qualifier': '位置 {position}:同一观察表达式上重复的 {qualifier} 限定符',
    'repeats-positive': '位置 {position}:REPEATS 需要正整数次数,实际为 {text}',
    'within-positive': '位置 {position}:WITHIN 需要正的秒数,实际为 {text}',
    'stop-before-start': '位置 {position}:STOP {stop} 必须晚于 START {start}',
    'bad-hash': "位置 {position}:'{value}' 不是有效的 {algorithm} 哈希值",
    'bad-regex': '位置 {position}:MATCHES 正则表达式无法编译:{reason}',
  },
  {
    expected: 'позиция {position}: ожидалось {expected}, найдено {found}',
    'unterminated-string': 'позиция {position}: незакрытый строковый литерал',
    'bad-escape':
      "позиция {position}: недопустимая escape-последовательность {text} в строке (допустимы только \\' и \\\\)",
    'bad-character': 'позиция {position}: неожиданный символ {text}',
    'bad-number': 'позиция {position}: недопустимое число {text} (ведущие нули запрещены)',
    'bad-timestamp':
      "позиция {position}: недопустимая метка времени {text} (ожидается t'YYYY-MM-DDTHH:MM:SS[.доли]Z')",
    'bad-hex':
      'позиция {position}: недопустимый шестнадцатеричный литерал {text} (нужны пары шестнадцатеричных цифр)',
    'bad-binary': 'позиция {position}: недопустимый литерал base64 {text}',
    'hyphen-property': "позиция {position}: имя свойства {text} содержит '-' и должно быть в кавычках",
    'duplicate-qualifier':
      'позиция {position}: повторный квалификатор {qualifier} у одного выражения наблюдения',
    'repeats-positive': 'позиция {position}: REPEATS требует положительного числа повторений, найдено {text}',
    'within-positive': 'позиция {position}: WITHIN требует положительного числа секунд, найдено {text}',
    'stop-before-start': 'позиция {position}: STOP {stop} должен быть позже START {start}',
    'bad-hash': "позиция {position}: '{value}' не является допустимым хешем {algorithm}",
    'bad-regex': 'позиция {position}: регулярное выражение MATCHES не компилируется: {reason}',
  },
);

export type PatternErrorKind = keyof typeof en;

/**
 * A pattern that does not parse or breaks a rule of the patterning language. `position` is the
 * 0-based offset in the pattern text; `line` and `column` are 1-based; `expected` lists what
 * would have been accepted there (empty for rule violations that are not about syntax).
 */
export class PatternSyntaxError extends AccordError {
  readonly kind: PatternErrorKind;
  readonly position: number;
  readonly line: number;
  readonly column: number;
  readonly expected: readonly string[];
  readonly found: string | undefined;

  constructor(
    kind: PatternErrorKind,
    source: string,
    position: number,
    params: MessageParams = {},
    detail: { expected?: readonly string[]; found?: string } = {},
  ) {
    const description: Message = message(kind, { ...params, position });
    super('validation-failed', description, {
      details: [{ path: 'pattern', message: description, index: position }],
    });
    this.name = 'PatternSyntaxError';
    this.kind = kind;
    this.position = position;
    const { line, column } = lineAndColumn(source, position);
    this.line = line;
    this.column = column;
    this.expected = detail.expected ?? [];
    this.found = detail.found;
  }
}

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(source: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** Joins alternatives the way the messages read: "']', AND or OR". */
export function describeAlternatives(expected: readonly string[]): string {
  if (expected.length <= 1) return expected[0] ?? 'nothing';
  return `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1] ?? ''}`;
}
