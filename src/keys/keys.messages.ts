import { defineMessages } from '../i18n/messages.js';

/** What the node says about its signing keys. */
export const keysMessage = defineMessages(
  'keys',
  {
    noActiveKey: 'no active {purpose} key on this node; run "accord keys rotate --purpose {purpose}"',
    missingPrivateKey: 'private key {kid} is missing from {dir}',
  },
  {
    noActiveKey: '本节点没有有效的 {purpose} 密钥；请运行 "accord keys rotate --purpose {purpose}"',
    missingPrivateKey: '{dir} 中缺少私钥 {kid}',
  },
  {
    noActiveKey: 'на этом узле нет действующего ключа {purpose}; выполните "accord keys rotate --purpose {purpose}"',
    missingPrivateKey: 'в {dir} нет закрытого ключа {kid}',
  },
);
