import { defineMessages } from '../i18n/messages.js';

export const legislationMessage = defineMessages(
  'legislation',
  {
    invalid: 'The legislation record is not complete or not valid ({count} problems)',
    missing: '{field} is required',
    notParty: '{party} is not a Party of agreement {profile}',
    badDate: '{value} is not a calendar date YYYY-MM-DD',
    untilBeforeFrom: 'In force until {until}, before it is in force from {from}',
    badLanguage: '{lang} is not a language code (ISO 639)',
    notLangText: '{option} {value} is not language=text, e.g. zh=网络安全法',
    badUrl: '{url} is not a URL (e.g. https://…)',
  },
  {
    invalid: '法律法规记录不完整或无效（{count} 个问题）',
    missing: '{field} 为必填项',
    notParty: '{party} 不是协定 {profile} 的缔约方',
    badDate: '{value} 不是 YYYY-MM-DD 格式的日期',
    untilBeforeFrom: '失效日期 {until} 早于生效日期 {from}',
    badLanguage: '{lang} 不是语言代码（ISO 639）',
    notLangText: '{option} {value} 不是“语言=文本”的形式，例如 zh=网络安全法',
    badUrl: '{url} 不是网址（例如 https://…）',
  },
  {
    invalid: 'Запись о законодательстве неполна или недействительна (проблем: {count})',
    missing: 'Поле {field} обязательно',
    notParty: '{party} не является Стороной соглашения {profile}',
    badDate: '{value} не является датой ГГГГ-ММ-ДД',
    untilBeforeFrom: 'Действует до {until}, раньше даты вступления в силу {from}',
    badLanguage: '{lang} не является кодом языка (ISO 639)',
    notLangText: '{option} {value} не имеет вида язык=текст, например ru=О персональных данных',
    badUrl: '{url} не является URL-адресом (например, https://…)',
  },
);
