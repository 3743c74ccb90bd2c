import type { HelpTranslations } from '../cli/help-language.js';

/** The legislation commands' help in Chinese and Russian (English is in legislation.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'the library of national legislation the Parties share (Art. 3(8))': '各缔约方相互交流的本国法律法规库（第三条第八款）',
    'find laws by words of their titles and summaries, in any language': '按标题和摘要中的词语检索法律，可使用任何语言',
    'words to find': '要检索的词语',
    'share a national law or regulation': '通报一部本国法律或法规',
    'title in one language (repeatable), e.g. zh=网络安全法': '某一语言的标题（可多次指定），例如 zh=网络安全法',
    'summary in one language (repeatable)': '某一语言的摘要（可多次指定）',
    'draft, in-force, amended, repealed': 'draft（草案）、in-force（现行有效）、amended（已修正）、repealed（已废止）',
    'in force from YYYY-MM-DD': '生效日期 YYYY-MM-DD',
    'in force until YYYY-MM-DD': '失效日期 YYYY-MM-DD',
    'link to the official text (repeatable)': '官方文本链接（可多次指定）',
  },
  ru: {
    'the library of national legislation the Parties share (Art. 3(8))': 'библиотека национального законодательства, которым обмениваются Стороны (п. 8 ст. 3)',
    'find laws by words of their titles and summaries, in any language': 'найти законы по словам из названий и аннотаций на любом языке',
    'words to find': 'искомые слова',
    'share a national law or regulation': 'передать сведения о национальном законе или нормативном акте',
    'title in one language (repeatable), e.g. zh=网络安全法': 'название на одном языке (можно указать несколько раз), например zh=网络安全法',
    'summary in one language (repeatable)': 'аннотация на одном языке (можно указать несколько раз)',
    'draft, in-force, amended, repealed': 'draft (проект), in-force (действует), amended (с изменениями), repealed (утратил силу)',
    'in force from YYYY-MM-DD': 'действует с YYYY-MM-DD',
    'in force until YYYY-MM-DD': 'действует до YYYY-MM-DD',
    'link to the official text (repeatable)': 'ссылка на официальный текст (можно указать несколько раз)',
  },
};
