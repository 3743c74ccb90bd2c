import { Help, type Argument, type Command, type Option } from 'commander';
import type { Locale } from '../i18n/locale.js';

/**
 * Translations of the CLI's help texts, keyed by the English text itself. The English stays where
 * commander needs it, beside the command it describes, and an option every command repeats
 * ("data folder of the node") is translated once.
 */
export type HelpTranslations = Readonly<Record<Exclude<Locale, 'en'>, Readonly<Record<string, string>>>>;

/** Merges the domains' help catalogs; a text two catalogs translate belongs in the shared one. */
export function mergeHelp(catalogs: readonly HelpTranslations[]): HelpTranslations {
  const merged = { zh: {} as Record<string, string>, ru: {} as Record<string, string> };
  for (const catalog of catalogs)
    for (const locale of ['zh', 'ru'] as const)
      for (const [english, text] of Object.entries(catalog[locale])) {
        if (english in merged[locale]) throw new Error(`help text translated twice (${locale}): ${english}`);
        merged[locale][english] = text;
      }
  return merged;
}

/** The words commander itself puts into help pages. */
const helpWords: HelpTranslations = {
  zh: {
    'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：',
    'display help for command': '显示命令的帮助', 'output the version number': '显示版本号', choices: '可选值', default: '默认', env: '环境变量',
  },
  ru: {
    'Usage:': 'Использование:', 'Options:': 'Параметры:', 'Commands:': 'Команды:', 'Arguments:': 'Аргументы:', 'Global Options:': 'Общие параметры:',
    'display help for command': 'показать справку по команде', 'output the version number': 'показать номер версии', choices: 'значения', default: 'по умолчанию', env: 'переменная окружения',
  },
};

/** Terminal columns a text takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  let width = 0;
  for (const char of plain) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(char) ? 2 : 1;
  return width;
}

/** Every text of the program's help pages that needs a translation (the completeness test walks these). */
export function helpTexts(program: Command): Set<string> {
  const texts = new Set<string>();
  const walk = (command: Command): void => {
    if (command.description()) texts.add(command.description());
    if (command.summary()) texts.add(command.summary());
    for (const option of command.options) if (option.description && !option.hidden) texts.add(option.description);
    for (const argument of command.registeredArguments) if (argument.description) texts.add(argument.description);
    for (const sub of command.commands) walk(sub);
  };
  walk(program);
  return texts;
}

/**
 * Makes the program's help pages speak the user's language. Must run before any command is added:
 * commander copies the help configuration into each subcommand when it is created. The locale is
 * asked for when help is shown, after `--lang` has been parsed.
 */
export function localiseHelp(program: Command, locale: () => Locale, translations: HelpTranslations): void {
  const say = (english: string): string => {
    const current = locale();
    if (current === 'en') return english;
    return translations[current][english] ?? helpWords[current][english] ?? english;
  };
  // commander writes "(choices: …, default: …)" after an option's text in English; its words are ours to say.
  const extras = (text: string): string => text.replace(/(\(|, )(choices|default|env)(?=: )/g, (_, lead: string, word: string) => `${lead}${say(word)}`);
  program.configureHelp({
    styleTitle: (title) => say(title),
    commandDescription: (cmd) => say(cmd.description()),
    subcommandDescription: (cmd) => say(cmd.summary() || cmd.description()),
    optionDescription(option) {
      const translated = Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { description: say(option.description ?? '') });
      return extras(Help.prototype.optionDescription.call(this, translated));
    },
    argumentDescription(argument) {
      const translated = Object.assign(Object.create(Object.getPrototypeOf(argument) as object) as Argument, argument, { description: say(argument.description) });
      return extras(Help.prototype.argumentDescription.call(this, translated));
    },
    displayWidth: (text) => displayWidth(text),
  });
}
