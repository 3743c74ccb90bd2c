import { defineMessages, type Message } from '../i18n/messages.js';

const jsonSyntaxMessage = defineMessages(
  'json-syntax',
  {
    endOfInput: 'the text ends before the JSON value does',
    unexpected: 'unexpected character {text}',
    propertyName: 'a property name in double quotes was expected at character {position}',
    afterProperty: '"," or "}" was expected after a property value at character {position}',
    afterElement: '"," or "]" was expected after an array element at character {position}',
    colon: '":" was expected after a property name at character {position}',
    unterminatedString: 'a string is not closed at character {position}',
    controlCharacter: 'a control character must be escaped inside a string (character {position})',
    badEscape: 'an escape sequence is not valid at character {position}',
    badNumber: 'a number is incomplete at character {position}',
    trailing: 'more text follows the JSON value at character {position}',
    invalidAt: 'a mistake at character {position}',
    invalid: 'the text cannot be read as JSON',
  },
  {
    endOfInput: '文本在 JSON 值结束之前就结束了',
    unexpected: '意外的字符 {text}',
    propertyName: '第 {position} 个字符处应为带双引号的属性名',
    afterProperty: '第 {position} 个字符处属性值之后应为 "," 或 "}"',
    afterElement: '第 {position} 个字符处数组元素之后应为 "," 或 "]"',
    colon: '第 {position} 个字符处属性名之后应为 ":"',
    unterminatedString: '第 {position} 个字符处字符串未结束',
    controlCharacter: '字符串中的控制字符必须转义（第 {position} 个字符）',
    badEscape: '第 {position} 个字符处的转义序列无效',
    badNumber: '第 {position} 个字符处的数字不完整',
    trailing: '第 {position} 个字符处 JSON 值之后还有多余文本',
    invalidAt: '第 {position} 个字符处有错误',
    invalid: '无法将该文本读作 JSON',
  },
  {
    endOfInput: 'текст заканчивается раньше, чем значение JSON',
    unexpected: 'неожиданный символ {text}',
    propertyName: 'на символе {position} ожидалось имя свойства в двойных кавычках',
    afterProperty: 'на символе {position} после значения свойства ожидалось "," или "}"',
    afterElement: 'на символе {position} после элемента массива ожидалось "," или "]"',
    colon: 'на символе {position} после имени свойства ожидалось ":"',
    unterminatedString: 'на символе {position} строка не закрыта',
    controlCharacter: 'управляющий символ внутри строки должен быть экранирован (символ {position})',
    badEscape: 'на символе {position} недопустимая escape-последовательность',
    badNumber: 'на символе {position} число не завершено',
    trailing: 'на символе {position} после значения JSON есть лишний текст',
    invalidAt: 'ошибка на символе {position}',
    invalid: 'текст не читается как JSON',
  },
);

type Kind = Parameters<typeof jsonSyntaxMessage>[0];

// V8's JSON.parse messages (Node 20), from the most specific; each names a 0-based position.
const positioned: ReadonlyArray<readonly [RegExp, Kind]> = [
  [/^Expected (property name or '\}'|double-quoted property name)/, 'propertyName'],
  [/^Expected ',' or '\}' after property value/, 'afterProperty'],
  [/^Expected ',' or '\]' after array element/, 'afterElement'],
  [/^Expected ':' after property name/, 'colon'],
  [/^Unterminated string/, 'unterminatedString'],
  [/^Bad control character/, 'controlCharacter'],
  [/^Bad (escaped character|Unicode escape)/, 'badEscape'],
  [/^(No number after minus sign|Exponent part is missing a number|Unterminated fractional number)/, 'badNumber'],
  [/^Unexpected non-whitespace character after JSON/, 'trailing'],
];

/**
 * What JSON.parse found wrong, in the reader's language: V8 words its SyntaxError in English, and
 * its text is the only place the kind and position of the mistake are given. Positions are said
 * counting from 1, as an editor does.
 */
export function jsonSyntaxProblem(error: unknown): Message {
  const text = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input/.test(text)) return jsonSyntaxMessage('endOfInput');
  const token = /^Unexpected token '(.+?)', /.exec(text) ?? /^Unexpected token (.) in JSON/.exec(text);
  if (token?.[1] !== undefined) return jsonSyntaxMessage('unexpected', { text: `'${token[1]}'` });
  const position = /at position (\d+)/.exec(text)?.[1];
  if (position === undefined) return jsonSyntaxMessage('invalid');
  const kind = positioned.find(([pattern]) => pattern.test(text))?.[1] ?? 'invalidAt';
  return jsonSyntaxMessage(kind, { position: Number(position) + 1 });
}
