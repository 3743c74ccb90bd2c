import type { HelpTranslations } from '../cli/help-language.js';

/** The authority commands' help in Chinese and Russian (English is in authorities.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'competent authorities of the Parties (Art. 5(1))': '各缔约方的国家主管机构（第五条第一款）',
    'competent authorities of every Party': '各缔约方的国家主管机构',
    'one Party': '仅限某一缔约方',
    'share a competent authority of this Party': '通报本缔约方的一个国家主管机构',
    name: '名称',
    'roles, comma-separated': '职能，以逗号分隔',
    'directions of cooperation it handles, comma-separated': '其负责的合作方向，以逗号分隔',
    'a round-the-clock (24/7) phone (repeatable)': '24 小时（24/7）联络电话（可多次指定）',
    'an e-mail contact (repeatable)': '联络用电子邮件地址（可多次指定）',
    'the deadline for exchanging authorities and what each Party still has to share': '交换国家主管机构信息的期限，以及各缔约方尚需通报的内容',
  },
  ru: {
    'competent authorities of the Parties (Art. 5(1))': 'компетентные органы Сторон (п. 1 ст. 5)',
    'competent authorities of every Party': 'компетентные органы всех Сторон',
    'one Party': 'только указанная Сторона',
    'share a competent authority of this Party': 'сообщить сведения о компетентном органе этой Стороны',
    name: 'наименование',
    'roles, comma-separated': 'функции через запятую',
    'directions of cooperation it handles, comma-separated': 'направления сотрудничества, за которые он отвечает, через запятую',
    'a round-the-clock (24/7) phone (repeatable)': 'круглосуточный (24/7) телефон (можно указать несколько раз)',
    'an e-mail contact (repeatable)': 'адрес электронной почты для связи (можно указать несколько раз)',
    'the deadline for exchanging authorities and what each Party still has to share': 'срок обмена сведениями о компетентных органах и что ещё предстоит сообщить каждой Стороне',
  },
};
