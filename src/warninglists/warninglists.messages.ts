import { defineMessages } from '../i18n/messages.js';

export const warninglistMessage = defineMessages(
  'warninglists',
  {
    badFile: 'Warninglist {file} is invalid: {reason}',
    notAValue:
      '"{value}" is not a value Accord recognises (an address, domain, URL, e-mail address, hash, …)',
  },
  {
    badFile: '警告列表 {file} 无效：{reason}',
    notAValue: '"{value}" 不是 Accord 可识别的值（地址、域名、URL、电子邮件地址、哈希值等）',
  },
  {
    badFile: 'Список предупреждений {file} недействителен: {reason}',
    notAValue:
      '«{value}» не является значением, которое распознаёт Accord (адрес, домен, URL, адрес электронной почты, хеш и т. п.)',
  },
);
