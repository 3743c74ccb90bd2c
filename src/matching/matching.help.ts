import type { HelpTranslations } from '../cli/help-language.js';

/** The matching command's help in Chinese and Russian (English is in matching.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'match observables (lines, CSV, STIX) or a log file against the node’s indicators; "-" reads stdin': '将可观测数据（逐行文本、CSV、STIX）或日志文件与本节点的指标进行匹配；"-" 表示从标准输入读取',
    'one of auto, text, csv, stix, log': '取值之一：auto、text、csv、stix、log',
    'record each hit as a STIX sighting in intel': '将每个命中记录为 intel 中的 STIX 目击（sighting）',
    'with --record: also share each sighting with the indicator’s originating Party': '与 --record 一起使用：同时将每个目击共享给提供该指标的缔约方',
    'the observables or log to match': '要匹配的可观测数据或日志',
  },
  ru: {
    'match observables (lines, CSV, STIX) or a log file against the node’s indicators; "-" reads stdin': 'сопоставить наблюдаемые данные (строки, CSV, STIX) или журнал с индикаторами узла; "-" читает стандартный ввод',
    'one of auto, text, csv, stix, log': 'одно из: auto, text, csv, stix, log',
    'record each hit as a STIX sighting in intel': 'записать каждое совпадение как наблюдение STIX (sighting) в intel',
    'with --record: also share each sighting with the indicator’s originating Party': 'вместе с --record: также передать каждое наблюдение Стороне, от которой получен индикатор',
    'the observables or log to match': 'наблюдаемые данные или журнал для сопоставления',
  },
};
