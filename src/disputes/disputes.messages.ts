import { defineMessages } from '../i18n/messages.js';

export const disputesMessage = defineMessages(
  'disputes',
  {
    notFound: 'No dispute {id}',
    permission: 'Your role ({role}) may not {action} disputes',
    notParty: '{party} is not a Party to dispute {id}',
    unknownProvision: '{id} is not a provision of agreement {profile}',
    settled: 'Dispute {id} is settled ({at}): its record can no longer change',
    noText: 'The text needs at least one language',
    noEvidence: 'An evidence step needs at least one object whose ledger evidence is referenced',
    noExchange: '{id} is not known to this node: neither the store nor the ledger holds evidence of it',
  },
  {
    notFound: '没有争议 {id}',
    permission: '您的角色（{role}）无权{action}争议',
    notParty: '{party} 不是争议 {id} 的当事方',
    unknownProvision: '{id} 不是协定 {profile} 的条款',
    settled: '争议 {id} 已解决（{at}）：其记录不能再更改',
    noText: '文本至少需要一种语言',
    noEvidence: '证据步骤至少需要引用一个对象的账本证据',
    noExchange: '本节点不知道 {id}：存储和账本中都没有其证据',
  },
  {
    notFound: 'Спор {id} не найден',
    permission: 'Ваша роль ({role}) не позволяет {action} споры',
    notParty: '{party} не является стороной спора {id}',
    unknownProvision: '{id} не является положением соглашения {profile}',
    settled: 'Спор {id} урегулирован ({at}): его запись больше не может изменяться',
    noText: 'Текст должен быть хотя бы на одном языке',
    noEvidence: 'Шаг с доказательствами должен ссылаться хотя бы на один объект с доказательствами из реестра',
    noExchange: 'Узлу неизвестен {id}: ни хранилище, ни реестр не содержат доказательств',
  },
);
