import type { HelpTranslations } from './help-language.js';

/** Help texts of the program itself and of options several domains' commands share. */
export const sharedHelp: HelpTranslations = {
  zh: {
    'Accord: the cooperation mechanism of an information-security agreement, one node per Party': 'Accord：信息安全协定的合作机制，每一方运行一个节点',
    'language of messages: zh, ru or en': '消息语言：zh、ru 或 en',
    'machine-readable output': '输出机器可读格式（JSON）',
    'data folder of the node': '节点的数据目录',
    'write to a file instead of stdout': '写入文件而不是标准输出',
    'the user acting': '执行操作的用户',
    'threat category of the agreement profile': '协定配置文件中的威胁类别',
    'TLP level': 'TLP 等级',
    'related STIX object ids, comma-separated': '相关 STIX 对象的 id，以逗号分隔',
    why: '理由',
    'comma-separated states': '状态，以逗号分隔',
    'sent or received': '已发送（sent）或已接收（received）',
    'how many': '数量',
    title: '标题',
  },
  ru: {
    'Accord: the cooperation mechanism of an information-security agreement, one node per Party': 'Accord: механизм сотрудничества по соглашению об информационной безопасности, по одному узлу на каждую Сторону',
    'language of messages: zh, ru or en': 'язык сообщений: zh, ru или en',
    'machine-readable output': 'машиночитаемый вывод (JSON)',
    'data folder of the node': 'каталог данных узла',
    'write to a file instead of stdout': 'записать в файл вместо стандартного вывода',
    'the user acting': 'пользователь, выполняющий действие',
    'threat category of the agreement profile': 'категория угрозы из профиля соглашения',
    'TLP level': 'уровень TLP',
    'related STIX object ids, comma-separated': 'идентификаторы связанных объектов STIX через запятую',
    why: 'причина',
    'comma-separated states': 'состояния через запятую',
    'sent or received': 'отправленные (sent) или полученные (received)',
    'how many': 'сколько',
    title: 'заголовок',
  },
};
