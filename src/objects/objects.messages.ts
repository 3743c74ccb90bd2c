import { defineMessages } from '../i18n/messages.js';

export const objectsMessage = defineMessages(
  'objects',
  {
    notFound: 'No object {id}',
    badCursor: 'The cursor is not valid',
    badFormat: 'Unknown export format {format}; use stix or misp',
    cannotWrite: 'You may not write to collection {collection}',
    importFailed: 'The import stopped because of an error on this node; it is logged with request id {requestId}',
    'filter.type': '"{value}" is not a STIX type (lower-case letters, digits and hyphens)',
    'filter.tlp': '"{value}" is not a TLP level; use clear, green, amber, amber+strict or red',
    'filter.created-by': '"{value}" is not an identity id (identity--UUID)',
    'filter.added-after': '"{value}" is not an RFC 3339 UTC time such as 2026-11-01T00:00:00Z',
  },
  {
    notFound: '没有对象 {id}',
    badCursor: '游标无效',
    badFormat: '未知的导出格式 {format}；可用 stix 或 misp',
    cannotWrite: '您无权写入集合 {collection}',
    importFailed: '导入因本节点出错而中止；错误已记录，请求编号 {requestId}',
    'filter.type': '“{value}”不是 STIX 类型（小写字母、数字和连字符）',
    'filter.tlp': '“{value}”不是 TLP 等级；可用 clear、green、amber、amber+strict 或 red',
    'filter.created-by': '“{value}”不是身份标识（identity--UUID）',
    'filter.added-after': '“{value}”不是 RFC 3339 UTC 时间，例如 2026-11-01T00:00:00Z',
  },
  {
    notFound: 'Нет объекта {id}',
    badCursor: 'Недопустимый курсор',
    badFormat: 'Неизвестный формат экспорта {format}; используйте stix или misp',
    cannotWrite: 'Вам нельзя писать в коллекцию {collection}',
    importFailed: 'Импорт прерван из-за ошибки на узле; она записана в журнал с номером запроса {requestId}',
    'filter.type': '«{value}» — не тип STIX (строчные латинские буквы, цифры и дефисы)',
    'filter.tlp': '«{value}» — не уровень TLP; используйте clear, green, amber, amber+strict или red',
    'filter.created-by': '«{value}» — не идентификатор identity (identity--UUID)',
    'filter.added-after': '«{value}» — не время UTC по RFC 3339, например 2026-11-01T00:00:00Z',
  },
);
