import { defineMessages } from '../i18n/messages.js';

export const activitiesMessage = defineMessages(
  'activities',
  {
    invalid: 'The joint activity is not complete or not valid ({count} problems)',
    missing: '{field} is required',
    unknownDirection: '{code} is not a direction of cooperation of agreement {profile}',
    notParty: '{party} is not a Party of agreement {profile}',
    badDate: '{value} is not a calendar date YYYY-MM-DD',
    endBeforeStart: 'The activity ends ({end}) before it starts ({start})',
    arrangementRequired: 'Costs borne otherwise than by the default rule ({rule}) need the arrangement recorded (costArrangement)',
    badStatus: '{status} is not a status of a joint activity; use {known}',
  },
  {
    invalid: '共同活动不完整或无效（{count} 个问题）',
    missing: '{field} 为必填项',
    unknownDirection: '{code} 不是协定 {profile} 的合作方向',
    notParty: '{party} 不是协定 {profile} 的缔约方',
    badDate: '{value} 不是 YYYY-MM-DD 格式的日期',
    endBeforeStart: '活动结束日期（{end}）早于开始日期（{start}）',
    arrangementRequired: '费用承担方式不同于默认规则（{rule}）时，必须记录相应安排（costArrangement）',
    badStatus: '{status} 不是共同活动的状态；可用 {known}',
  },
  {
    invalid: 'Совместное мероприятие неполно или недействительно (проблем: {count})',
    missing: 'Поле {field} обязательно',
    unknownDirection: '{code} не является направлением сотрудничества соглашения {profile}',
    notParty: '{party} не является Стороной соглашения {profile}',
    badDate: '{value} не является датой ГГГГ-ММ-ДД',
    endBeforeStart: 'Мероприятие заканчивается ({end}) раньше, чем начинается ({start})',
    arrangementRequired: 'Если расходы несутся не по общему правилу ({rule}), нужно записать договорённость (costArrangement)',
    badStatus: '{status} не является статусом совместного мероприятия; используйте {known}',
  },
);
