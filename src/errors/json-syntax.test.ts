import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from './json-syntax.js';

/** What this Node's JSON.parse throws for the text: the oracle, not a copy of its wording. */
function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
}

const broken: ReadonlyArray<readonly [string, string]> = [
  ['{"type":}', "unexpected character '}'"],
  ['{type:1}', 'a property name in double quotes was expected at character 2'],
  ['{"a":1,}', 'a property name in double quotes was expected at character 8'],
  ['{"a":1 "b":2}', '"," or "}" was expected after a property value at character 8'],
  ['[1 2]', '"," or "]" was expected after an array element at character 4'],
  ['{"a" 1}', '":" was expected after a property name at character 6'],
  ['"abc', 'a string is not closed at character 5'],
  ['"a\u0001b"', 'a control character must be escaped inside a string (character 3)'],
  ['"\\x"', 'an escape sequence is not valid at character 3'],
  ['-', 'a number is incomplete at character 2'],
  ['1e', 'a number is incomplete at character 3'],
  ['{"a":1}x', 'more text follows the JSON value at character 8'],
  ['{"type":"indicator"', '"," or "}" was expected after a property value at character 20'],
  ['', 'the text ends before the JSON value does'],
];

describe('JSON syntax errors in the reader’s language', () => {
  it.each(broken)('says what is wrong with %j and where, counting characters from 1', (text, english) => {
    expect(jsonSyntaxProblem(parseError(text)).text('en')).toBe(english);
  });

  it('says every one in Chinese and Russian without English left over', () => {
    for (const [text] of broken) {
      const problem = jsonSyntaxProblem(parseError(text));
      expect(problem.text('zh')).toMatch(/\p{Script=Han}/u);
      expect(problem.text('ru')).toMatch(/\p{Script=Cyrillic}/u);
      expect(problem.text('ru')).not.toMatch(/[{}]\w+[{}]|expected|character/);
    }
  });

  it('falls back to a plain sentence for a message it does not know, with its position when given', () => {
    expect(jsonSyntaxProblem(new SyntaxError('Something new in JSON at position 41')).text('ru')).toBe('ошибка на символе 42');
    expect(jsonSyntaxProblem('odd').text('zh')).toBe('无法将该文本读作 JSON');
  });
});
