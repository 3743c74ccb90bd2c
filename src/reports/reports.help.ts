import type { HelpTranslations } from '../cli/help-language.js';

/** The report command's help in Chinese and Russian (English is in reports.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'a report for a period (exchanges, warnings, requests, consultations, with charts), HTML or PDF': '某一期间的报告（信息交换、预警、请求、磋商，附图表），HTML 或 PDF 格式',
    "first day (YYYY-MM-DD in this Party's time zone) or an RFC 3339 instant": '起始日（本缔约方时区的 YYYY-MM-DD）或 RFC 3339 时间点',
    'last day (inclusive) or an RFC 3339 instant': '截止日（含当日）或 RFC 3339 时间点',
    'html or pdf': 'html 或 pdf',
    'write the report here (default: standard output)': '报告写入此处（默认：标准输出）',
    "Chromium for PDF (default: ACCORD_CHROMIUM or Debian's /usr/bin/chromium)": '用于生成 PDF 的 Chromium（默认：ACCORD_CHROMIUM 或 Debian 的 /usr/bin/chromium）',
  },
  ru: {
    'a report for a period (exchanges, warnings, requests, consultations, with charts), HTML or PDF': 'отчёт за период (обмен, предупреждения, запросы, консультации, с диаграммами) в HTML или PDF',
    "first day (YYYY-MM-DD in this Party's time zone) or an RFC 3339 instant": 'первый день (YYYY-MM-DD в часовом поясе этой Стороны) или момент времени RFC 3339',
    'last day (inclusive) or an RFC 3339 instant': 'последний день (включительно) или момент времени RFC 3339',
    'html or pdf': 'html или pdf',
    'write the report here (default: standard output)': 'куда записать отчёт (по умолчанию — стандартный вывод)',
    "Chromium for PDF (default: ACCORD_CHROMIUM or Debian's /usr/bin/chromium)": 'Chromium для PDF (по умолчанию — ACCORD_CHROMIUM или /usr/bin/chromium из Debian)',
  },
};
