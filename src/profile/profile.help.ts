import type { HelpTranslations } from '../cli/help-language.js';

/** The profile commands' help in Chinese and Russian (English is in profile.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'agreement profiles: show, validate, list': '协定配置文件：查看（show）、校验（validate）、列出（list）',
    'summary of an agreement profile (--json: the whole profile)': '协定配置文件摘要（--json：完整配置文件）',
    'profile id or path to a profile file': '配置文件 id 或配置文件路径',
    'check a profile file or id; prints OK or every problem with its path': '检查配置文件或 id；输出 OK，或列出每个问题及其位置',
    'the agreement profiles available': '可用的协定配置文件',
  },
  ru: {
    'agreement profiles: show, validate, list': 'профили соглашений: показать (show), проверить (validate), перечислить (list)',
    'summary of an agreement profile (--json: the whole profile)': 'сводка профиля соглашения (--json: весь профиль)',
    'profile id or path to a profile file': 'идентификатор профиля или путь к файлу профиля',
    'check a profile file or id; prints OK or every problem with its path': 'проверить файл или идентификатор профиля; выводит OK или каждую проблему с её местом',
    'the agreement profiles available': 'доступные профили соглашений',
  },
};
