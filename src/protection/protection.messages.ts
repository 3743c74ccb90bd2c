import { defineMessages } from '../i18n/messages.js';

export const protectionMessage = defineMessages(
  'protection',
  {
    aboveCeiling: '{id} carries {level} ({party}), above this node\'s accreditation ceiling ({ceiling}); it was not stored. State secrets do not belong on this platform.',
    unknownLevel: '{id} carries a national restriction level the agreement does not know ({party} {level}); it was not stored.',
    unknownAudience: 'Unknown audience {audience}: use a Party code of the agreement, "public" or "third-party:NAME"',
  },
  {
    aboveCeiling: '{id} 带有 {level}（{party}）标记，高于本节点的认可级别上限（{ceiling}），未予存储。国家秘密不应存放在本平台。',
    unknownLevel: '{id} 带有协定未定义的国家限制级别（{party} {level}），未予存储。',
    unknownAudience: '未知的接收方 {audience}：请使用协定缔约方代码、"public" 或 "third-party:名称"',
  },
  {
    aboveCeiling: '{id} имеет гриф {level} ({party}) выше допустимого для этого узла уровня ({ceiling}); объект не сохранён. Государственной тайне не место на этой платформе.',
    unknownLevel: '{id} имеет национальный гриф, не предусмотренный соглашением ({party} {level}); объект не сохранён.',
    unknownAudience: 'Неизвестный получатель {audience}: укажите код Стороны соглашения, "public" или "third-party:ИМЯ"',
  },
);
