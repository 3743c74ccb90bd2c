import { defineMessages } from '../i18n/messages.js';

export const objectsMessage = defineMessages(
  'objects',
  {
    notFound: 'No object {id}',
    badCursor: 'The cursor is not valid',
    badFormat: 'Unknown export format {format}; use stix or misp',
    badAudience: 'Unknown audience {audience}; use a Party code of the agreement or "public"',
  },
  {
    notFound: '没有对象 {id}',
    badCursor: '游标无效',
    badFormat: '未知的导出格式 {format}；可用 stix 或 misp',
    badAudience: '未知的接收方 {audience}；请使用协定缔约方代码或 "public"',
  },
  {
    notFound: 'Нет объекта {id}',
    badCursor: 'Недопустимый курсор',
    badFormat: 'Неизвестный формат экспорта {format}; используйте stix или misp',
    badAudience: 'Неизвестный получатель {audience}; укажите код Стороны соглашения или "public"',
  },
);
