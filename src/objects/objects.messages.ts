import { defineMessages } from '../i18n/messages.js';

export const objectsMessage = defineMessages(
  'objects',
  {
    notFound: 'No object {id}',
    badCursor: 'The cursor is not valid',
    badFormat: 'Unknown export format {format}; use stix or misp',
    cannotWrite: 'You may not write to collection {collection}',
    importFailed: 'The import stopped because of an error on this node; it is logged with request id {requestId}',
  },
  {
    notFound: '没有对象 {id}',
    badCursor: '游标无效',
    badFormat: '未知的导出格式 {format}；可用 stix 或 misp',
    cannotWrite: '您无权写入集合 {collection}',
    importFailed: '导入因本节点出错而中止；错误已记录，请求编号 {requestId}',
  },
  {
    notFound: 'Нет объекта {id}',
    badCursor: 'Недопустимый курсор',
    badFormat: 'Неизвестный формат экспорта {format}; используйте stix или misp',
    cannotWrite: 'Вам нельзя писать в коллекцию {collection}',
    importFailed: 'Импорт прерван из-за ошибки на узле; она записана в журнал с номером запроса {requestId}',
  },
);
