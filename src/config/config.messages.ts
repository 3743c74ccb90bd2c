import { defineMessages } from '../i18n/messages.js';

/** What is wrong with a node's configuration, told to the operator at start-up. */
export const configMessage = defineMessages(
  'config',
  {
    invalidFile: '{file} has {count} problem(s):',
    invalidSettings: 'The settings (environment and flags) have {count} problem(s):',
    noNode: '{file} not found: run "accord init --data {dir} ..." first',
    notJson: '{file} is not valid JSON',
    emptyField: 'must be a non-empty string',
    integer: 'must be an integer between {min} and {max}, got "{value}"',
    oneOf: 'must be one of {known}',
    postgresUrl: 'must be a postgres:// URL',
    smtpUrl: 'must be an smtp:// or smtps:// URL',
  },
  {
    invalidFile: '{file} 有 {count} 个问题：',
    invalidSettings: '设置（环境变量和命令行选项）有 {count} 个问题：',
    noNode: '未找到 {file}：请先运行 "accord init --data {dir} ..."',
    notJson: '{file} 不是有效的 JSON',
    emptyField: '必须是非空字符串',
    integer: '必须是 {min} 到 {max} 之间的整数，收到的是 "{value}"',
    oneOf: '必须是以下之一：{known}',
    postgresUrl: '必须是 postgres:// 地址',
    smtpUrl: '必须是 smtp:// 或 smtps:// 地址',
  },
  {
    invalidFile: 'в {file} проблем: {count}:',
    invalidSettings: 'в настройках (переменные окружения и параметры) проблем: {count}:',
    noNode: '{file} не найден: сначала выполните "accord init --data {dir} ..."',
    notJson: '{file} не является корректным JSON',
    emptyField: 'должно быть непустой строкой',
    integer: 'должно быть целым числом от {min} до {max}, получено "{value}"',
    oneOf: 'должно быть одним из: {known}',
    postgresUrl: 'должно быть адресом postgres://',
    smtpUrl: 'должно быть адресом smtp:// или smtps://',
  },
);
