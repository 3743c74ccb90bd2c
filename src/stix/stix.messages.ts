import { defineMessages } from '../i18n/messages.js';

/** Summary lines of STIX validation shown by the API, CLI and UI (rule messages stay technical). */
export const stixMessage = defineMessages(
  'stix',
  {
    objectInvalid: 'The STIX object is invalid: {count} problems',
    objectAtIndexInvalid: 'Object {index} is invalid: {count} problems',
    bundleInvalid: 'The bundle is invalid: {count} problems in {objects} object(s)',
    bundleEnvelopeInvalid: 'The bundle envelope is invalid: {count} problems',
    warnings: '{count} warnings (accepted)',
    notJson: 'The input is not valid JSON',
  },
  {
    objectInvalid: 'STIX 对象无效：{count} 个问题',
    objectAtIndexInvalid: '第 {index} 个对象无效：{count} 个问题',
    bundleInvalid: '数据包无效：{objects} 个对象中共有 {count} 个问题',
    bundleEnvelopeInvalid: '数据包外层结构无效：{count} 个问题',
    warnings: '{count} 个警告（已接受）',
    notJson: '输入不是有效的 JSON',
  },
  {
    objectInvalid: 'Объект STIX недействителен: проблем — {count}',
    objectAtIndexInvalid: 'Объект {index} недействителен: проблем — {count}',
    bundleInvalid: 'Пакет недействителен: проблем — {count}, объектов с ошибками — {objects}',
    bundleEnvelopeInvalid: 'Оболочка пакета недействительна: проблем — {count}',
    warnings: 'Предупреждений: {count} (принято)',
    notJson: 'Входные данные не являются корректным JSON',
  },
);
