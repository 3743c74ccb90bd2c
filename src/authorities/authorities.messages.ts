import { defineMessages } from '../i18n/messages.js';

export const authoritiesMessage = defineMessages(
  'authorities',
  {
    invalid: 'The competent authority is not complete or not valid ({count} problems)',
    missing: '{field} is required',
    unknownDirection: '{code} is not a direction of cooperation of agreement {profile}',
    deadlineTitle: 'Information on competent authorities (Art. 5(1))',
    noAuthority: 'no competent authority shared',
    noContact: 'no round-the-clock (24/7) contact',
    noKey: 'no signing key',
  },
  {
    invalid: '国家主管机构信息不完整或无效（{count} 个问题）',
    missing: '{field} 为必填项',
    unknownDirection: '{code} 不是协定 {profile} 的合作方向',
    deadlineTitle: '国家主管机构信息（第五条第一款）',
    noAuthority: '尚未通报国家主管机构',
    noContact: '没有 24 小时联络方式',
    noKey: '没有签名密钥',
  },
  {
    invalid: 'Сведения о компетентном органе неполны или недействительны (проблем: {count})',
    missing: 'Поле {field} обязательно',
    unknownDirection: '{code} не является направлением сотрудничества соглашения {profile}',
    deadlineTitle: 'Сведения о компетентных органах (п. 1 ст. 5)',
    noAuthority: 'компетентный орган не сообщён',
    noContact: 'нет круглосуточного (24/7) контакта',
    noKey: 'нет ключа подписи',
  },
);
