import type { Locale } from '../i18n/locale.js';
import { defineMessages, type MessageParams } from '../i18n/messages.js';

/** What the command line itself says: usage errors and the tail of a long list of problems. */
export const usageMessage = defineMessages(
  'cli-usage',
  {
    missingArgument: 'error: missing required argument {name}',
    optionArgumentMissing: 'error: option {flags} needs a value',
    requiredOption: 'error: required option {flags} not given',
    unknownOption: 'error: unknown option {flag}',
    unknownCommand: 'error: unknown command {name}',
    invalidChoice: 'error: option {flags} does not take {value}; allowed: {choices}',
    tooManyArguments: 'error: too many arguments{where}: expected {expected}, got {received}',
    didYouMean: '(Did you mean {names}?)',
    forCommand: ' for {name}',
    moreProblems: '  … {count} more',
  },
  {
    missingArgument: '错误：缺少必需的参数 {name}',
    optionArgumentMissing: '错误：选项 {flags} 需要一个值',
    requiredOption: '错误：未提供必需的选项 {flags}',
    unknownOption: '错误：未知选项 {flag}',
    unknownCommand: '错误：未知命令 {name}',
    invalidChoice: '错误：选项 {flags} 不接受 {value}；可选值：{choices}',
    tooManyArguments: '错误：参数过多{where}：应为 {expected} 个，实际为 {received} 个',
    didYouMean: '（您是否要输入 {names}？）',
    forCommand: '（命令 {name}）',
    moreProblems: '  …… 另有 {count} 项',
  },
  {
    missingArgument: 'ошибка: не указан обязательный аргумент {name}',
    optionArgumentMissing: 'ошибка: для параметра {flags} нужно значение',
    requiredOption: 'ошибка: не указан обязательный параметр {flags}',
    unknownOption: 'ошибка: неизвестный параметр {flag}',
    unknownCommand: 'ошибка: неизвестная команда {name}',
    invalidChoice: 'ошибка: параметр {flags} не принимает {value}; допустимые значения: {choices}',
    tooManyArguments: 'ошибка: слишком много аргументов{where}: ожидалось {expected}, получено {received}',
    didYouMean: '(Возможно, вы имели в виду {names}?)',
    forCommand: ' для команды {name}',
    moreProblems: '  … ещё {count}',
  },
);

type Rule = readonly [RegExp, (m: RegExpMatchArray, locale: Locale) => { key: Parameters<typeof usageMessage>[0]; params: MessageParams }];

// The usage errors commander 14 writes for the options and arguments Accord declares (choices, but
// no custom parsers or conflicts, so not those).
const rules: readonly Rule[] = [
  [/^error: missing required argument (.+)$/, (m) => ({ key: 'missingArgument', params: { name: m[1] ?? '' } })],
  [/^error: option (.+) argument missing$/, (m) => ({ key: 'optionArgumentMissing', params: { flags: m[1] ?? '' } })],
  [/^error: required option (.+) not specified$/, (m) => ({ key: 'requiredOption', params: { flags: m[1] ?? '' } })],
  [/^error: unknown option (.+)$/, (m) => ({ key: 'unknownOption', params: { flag: m[1] ?? '' } })],
  [/^error: unknown command (.+)$/, (m) => ({ key: 'unknownCommand', params: { name: m[1] ?? '' } })],
  [
    /^error: option ('.+') argument ('.*') is invalid\. Allowed choices are (.+)\.$/,
    (m) => ({ key: 'invalidChoice', params: { flags: m[1] ?? '', value: m[2] ?? '', choices: m[3] ?? '' } }),
  ],
  [
    /^error: too many arguments(?: for (.+))?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m, locale) => ({ key: 'tooManyArguments', params: { where: m[1] ? usageMessage('forCommand', { name: m[1] }).text(locale) : '', expected: m[2] ?? '', received: m[3] ?? '' } }),
  ],
  [/^\(Did you mean (?:one of )?(.+)\?\)$/, (m) => ({ key: 'didYouMean', params: { names: m[1] ?? '' } })],
];

/** Puts commander's usage errors into the user's language; lines it does not know pass unchanged. */
export function translateUsageError(text: string, locale: Locale): string {
  if (locale === 'en') return text;
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, build] of rules) {
        const match = line.match(pattern);
        if (match) {
          const { key, params } = build(match, locale);
          return usageMessage(key, params).text(locale);
        }
      }
      return line;
    })
    .join('\n');
}
