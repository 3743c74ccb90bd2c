import { defineMessages } from '../i18n/messages.js';

export const objectsMessage = defineMessages(
  'objects',
  {
    notFound: 'No object {id}',
    badCursor: 'The cursor is not valid',
    badFormat: 'Unknown export format {format}; use stix or misp',
  },
  {
    notFound: '没有对象 {id}',
    badCursor: '游标无效',
    badFormat: '未知的导出格式 {format}；可用 stix 或 misp',
  },
  {
    notFound: 'Нет объекта {id}',
    badCursor: 'Недопустимый курсор',
    badFormat: 'Неизвестный формат экспорта {format}; используйте stix или misp',
  },
);
