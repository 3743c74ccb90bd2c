import type { HelpTranslations } from '../cli/help-language.js';

/** The activity commands' help in Chinese and Russian (English is in activities.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'joint activities of the Parties (Art. 3(12–14))': '缔约方的共同活动（第三条第十二至十四款）',
    'joint activities recorded by every Party': '各缔约方记录的共同活动',
    'comma-separated statuses': '状态，以逗号分隔',
    'only activities this Party recorded (a Party code, e.g. RU)': '仅限该缔约方记录的活动（缔约方代码，例如 RU）',
    'record a joint activity and share it': '记录一项共同活动并通报其他缔约方',
    'research, training, exchange, working-meeting or conference': 'research（联合研究）、training（人员培训）、exchange（专家交流）、working-meeting（工作会晤）或 conference（会议）',
    'directions of cooperation, comma-separated': '合作方向，以逗号分隔',
    'participating Parties, comma-separated': '参与的缔约方，以逗号分隔',
    'first day YYYY-MM-DD': '开始日期 YYYY-MM-DD',
    'last day YYYY-MM-DD': '结束日期 YYYY-MM-DD',
    'proposed, agreed, in-progress, completed, cancelled': 'proposed（已提议）、agreed（已商定）、in-progress（进行中）、completed（已完成）、cancelled（已取消）',
    "own-party, host-party, shared, as-agreed (default: the profile's rule)": 'own-party（各方自行承担）、host-party（东道方承担）、shared（各方分担）、as-agreed（根据具体情况商定）；默认：配置文件中的规则',
    'the arrangement, when not the default': '不采用默认规则时的经费安排',
  },
  ru: {
    'joint activities of the Parties (Art. 3(12–14))': 'совместные мероприятия Сторон (пп. 12–14 ст. 3)',
    'joint activities recorded by every Party': 'совместные мероприятия, записанные всеми Сторонами',
    'comma-separated statuses': 'статусы через запятую',
    'only activities this Party recorded (a Party code, e.g. RU)': 'только мероприятия, записанные этой Стороной (код Стороны, например RU)',
    'record a joint activity and share it': 'записать совместное мероприятие и передать сведения о нём Сторонам',
    'research, training, exchange, working-meeting or conference': 'research (совместное исследование), training (подготовка кадров), exchange (обмен специалистами), working-meeting (рабочая встреча) или conference (конференция)',
    'directions of cooperation, comma-separated': 'направления сотрудничества через запятую',
    'participating Parties, comma-separated': 'участвующие Стороны через запятую',
    'first day YYYY-MM-DD': 'первый день YYYY-MM-DD',
    'last day YYYY-MM-DD': 'последний день YYYY-MM-DD',
    'proposed, agreed, in-progress, completed, cancelled': 'proposed (предложено), agreed (согласовано), in-progress (проводится), completed (завершено), cancelled (отменено)',
    "own-party, host-party, shared, as-agreed (default: the profile's rule)": 'own-party (каждая Сторона несёт свои расходы), host-party (расходы несёт принимающая Сторона), shared (расходы делятся), as-agreed (по договорённости); по умолчанию — правило профиля',
    'the arrangement, when not the default': 'порядок несения расходов, если он отличается от общего правила',
  },
};
