import type { HelpTranslations } from '../cli/help-language.js';

/** The correlation commands' help in Chinese and Russian (English is in correlation.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'the correlation index: values shared between objects': '关联索引：多个对象共有的值',
    'objects carrying a value (an address, domain, URL, hash, …)': '含有某个值（地址、域名、URL、哈希值等）的对象',
    "the value's kind; detected when omitted": '值的类型；省略时自动识别',
    'rebuild the correlation index from the store': '根据存储的对象重建关联索引',
    'show or set the over-correlation limit (then rebuild to apply it to indexed values)': '查看或设置过度关联上限（之后执行 rebuild，才会应用于已建索引的值）',
    'a whole number from 2 to 100000': '2 到 100000 之间的整数',
    'values and patterns that never correlate': '永不参与关联的值和模式（排除项）',
    'limit the rule to one kind': '将规则限定于一种值类型',
    'an exact value, a CIDR block, *.domain or /regex/': '精确值、CIDR 地址块、*.domain 或 /regex/',
    'the value to look up': '要查找的值',
    'never correlate a value or pattern': '使某个值或模式不再参与关联',
    'the exclusions, with kind, pattern, date and note': '列出排除项及其类型、模式、日期和说明',
    'correlate a value or pattern again': '使某个值或模式重新参与关联',
    'the exclusion id': '排除项 id',
  },
  ru: {
    'the correlation index: values shared between objects': 'индекс корреляции: значения, общие для нескольких объектов',
    'objects carrying a value (an address, domain, URL, hash, …)': 'объекты, содержащие значение (адрес, домен, URL, хеш, …)',
    "the value's kind; detected when omitted": 'тип значения; если не указан, определяется автоматически',
    'rebuild the correlation index from the store': 'перестроить индекс корреляции по хранимым объектам',
    'show or set the over-correlation limit (then rebuild to apply it to indexed values)': 'показать или задать предел избыточной корреляции (чтобы применить его к уже проиндексированным значениям, затем выполните rebuild)',
    'a whole number from 2 to 100000': 'целое число от 2 до 100000',
    'values and patterns that never correlate': 'значения и шаблоны, которые никогда не коррелируют (исключения)',
    'limit the rule to one kind': 'ограничить правило одним типом значений',
    'an exact value, a CIDR block, *.domain or /regex/': 'точное значение, блок CIDR, *.domain или /regex/',
    'the value to look up': 'значение для поиска',
    'never correlate a value or pattern': 'больше не коррелировать значение или шаблон',
    'the exclusions, with kind, pattern, date and note': 'исключения с типом, шаблоном, датой и примечанием',
    'correlate a value or pattern again': 'снова коррелировать значение или шаблон',
    'the exclusion id': 'идентификатор исключения',
  },
};
