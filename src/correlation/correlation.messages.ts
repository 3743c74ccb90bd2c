import { defineMessages } from '../i18n/messages.js';

export const correlationMessage = defineMessages(
  'correlation',
  {
    notFound: 'No object {id}',
    notAValue:
      '"{value}" is not a value Accord correlates (an address, domain, URL, e-mail address, hash, mutex, registry key or AS number)',
    badExclusion: 'Exclusion "{pattern}" is not valid: {reason}',
    exclusionNotFound: 'No exclusion {id}',
    badLimit: 'The over-correlation limit must be a whole number from 2 to 100000, not {limit}',
  },
  {
    notFound: '没有对象 {id}',
    notAValue:
      '"{value}" 不是 Accord 可关联的值（地址、域名、URL、电子邮件地址、哈希值、互斥体、注册表键或 AS 号）',
    badExclusion: '排除项 "{pattern}" 无效：{reason}',
    exclusionNotFound: '没有排除项 {id}',
    badLimit: '过度关联上限必须是 2 到 100000 之间的整数，而不是 {limit}',
  },
  {
    notFound: 'Нет объекта {id}',
    notAValue:
      '«{value}» не является значением, которое сопоставляет Accord (адрес, домен, URL, адрес электронной почты, хеш, мьютекс, ключ реестра или номер AS)',
    badExclusion: 'Исключение «{pattern}» недействительно: {reason}',
    exclusionNotFound: 'Нет исключения {id}',
    badLimit: 'Предел избыточной корреляции должен быть целым числом от 2 до 100000, а не {limit}',
  },
);
