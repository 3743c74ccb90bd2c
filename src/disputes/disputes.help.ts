import type { HelpTranslations } from '../cli/help-language.js';

/** The disputes commands' help in Chinese and Russian (English is in disputes.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'disputes on the interpretation or application of the agreement': '因解释或适用本协定而产生的争议',
    'disputes, newest first': '争议列表，最新的在前',
    'one dispute with its subject and every step': '显示一项争议及其争议事项和全部步骤',
    'the dispute id': '争议 id',
    'raise a dispute with the other Parties to it': '向争议的其他当事方提出争议',
    'a provision concerned, e.g. art-5.4 (repeatable)': '涉及的条款，例如 art-5.4（可重复）',
    'what the dispute is about, per language (repeatable)': '争议事项，每种语言一条（可重复）',
    'the Parties to the dispute, comma-separated (default: every Party)': '争议当事方，以逗号分隔（默认：全部缔约方）',
    'take a step: position, consultation, negotiation, diplomatic-channels, evidence, outcome': '记录一个步骤：position、consultation、negotiation、diplomatic-channels、evidence、outcome',
    'position | consultation | negotiation | diplomatic-channels | evidence | outcome': 'position（立场）| consultation（磋商）| negotiation（谈判回合）| diplomatic-channels（外交渠道）| evidence（账本证据）| outcome（结果）',
    'the position, record or outcome, per language (repeatable)': '立场、记录或结果，每种语言一条（可重复）',
    'the day a consultation or negotiation round was held (YYYY-MM-DD)': '磋商或谈判回合的举行日期（YYYY-MM-DD）',
    'an exchanged object whose ledger evidence package the step cites (repeatable)': '该步骤引用其账本证据包的已交换对象（可重复）',
  },
  ru: {
    'disputes on the interpretation or application of the agreement': 'споры о толковании или применении Соглашения',
    'disputes, newest first': 'споры, сначала новые',
    'one dispute with its subject and every step': 'спор с его предметом и всеми шагами',
    'the dispute id': 'идентификатор спора',
    'raise a dispute with the other Parties to it': 'заявить спор другим Сторонам спора',
    'a provision concerned, e.g. art-5.4 (repeatable)': 'затронутое положение, например art-5.4 (можно повторять)',
    'what the dispute is about, per language (repeatable)': 'предмет спора, по одному тексту на язык (можно повторять)',
    'the Parties to the dispute, comma-separated (default: every Party)': 'Стороны спора через запятую (по умолчанию — все Стороны)',
    'take a step: position, consultation, negotiation, diplomatic-channels, evidence, outcome': 'записать шаг: position, consultation, negotiation, diplomatic-channels, evidence, outcome',
    'position | consultation | negotiation | diplomatic-channels | evidence | outcome': 'position (позиция) | consultation (консультация) | negotiation (раунд переговоров) | diplomatic-channels (дипломатические каналы) | evidence (доказательства из реестра) | outcome (итог)',
    'the position, record or outcome, per language (repeatable)': 'позиция, запись или итог, по одному тексту на язык (можно повторять)',
    'the day a consultation or negotiation round was held (YYYY-MM-DD)': 'дата проведения консультации или раунда переговоров (YYYY-MM-DD)',
    'an exchanged object whose ledger evidence package the step cites (repeatable)': 'объект обмена, на пакет доказательств из реестра которого ссылается шаг (можно повторять)',
  },
};
