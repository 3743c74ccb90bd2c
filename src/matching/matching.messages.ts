import { defineMessages } from '../i18n/messages.js';

export const matchingMessage = defineMessages(
  'matching',
  {
    empty: 'Nothing to match: the submission is empty',
    tooLarge: 'The submission is larger than {limit} bytes; split it into parts',
    tooMany: 'The submission holds more than {limit} observations; split it into parts',
    badCsv: 'The CSV is malformed at line {line}: {reason}',
    badJson: 'The STIX submission is not valid JSON: {reason}',
    notStix: 'The JSON is neither a STIX bundle, an array of STIX objects nor one STIX object',
    badFormat: 'Unknown format {format}; use auto, text, csv, stix or log',
    sightingDescription: 'Matched by Accord against {count} submitted observation(s)',
  },
  {
    empty: '无可匹配内容：提交内容为空',
    tooLarge: '提交内容超过 {limit} 字节；请拆分后提交',
    tooMany: '提交内容包含的观测超过 {limit} 条；请拆分后提交',
    badCsv: 'CSV 第 {line} 行格式错误：{reason}',
    badJson: 'STIX 提交内容不是有效的 JSON：{reason}',
    notStix: '该 JSON 既不是 STIX 数据包，也不是 STIX 对象数组或单个 STIX 对象',
    badFormat: '未知格式 {format}；可用 auto、text、csv、stix 或 log',
    sightingDescription: 'Accord 对 {count} 条提交的观测进行匹配后记录',
  },
  {
    empty: 'Нечего сопоставлять: данные пусты',
    tooLarge: 'Данные превышают {limit} байт; разделите их на части',
    tooMany: 'Данные содержат более {limit} наблюдений; разделите их на части',
    badCsv: 'Некорректный CSV в строке {line}: {reason}',
    badJson: 'Данные STIX не являются корректным JSON: {reason}',
    notStix: 'JSON не является ни пакетом STIX, ни массивом объектов STIX, ни одним объектом STIX',
    badFormat: 'Неизвестный формат {format}; используйте auto, text, csv, stix или log',
    sightingDescription: 'Совпадение найдено Accord в {count} представленных наблюдениях',
  },
);
