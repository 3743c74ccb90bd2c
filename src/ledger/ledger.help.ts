import type { HelpTranslations } from '../cli/help-language.js';

/** The ledger commands' help in Chinese and Russian (English is in ledger.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'the verifiable record of everything exchanged with peers': '与对等节点交换的一切内容的可验证记录（账本）',
    'recompute the hash chains and verify every bundle and receipt signature; exits non-zero on any problem': '重新计算哈希链并验证每个数据包和回执的签名；发现任何问题时以非零状态退出',
    'compare this node’s view of the channel with the peer’s own and name the first divergence': '将本节点对信道的记录与对等节点自己的记录进行比对，并指出第一处分歧',
    'the peer’s Party code': '对等节点所属缔约方的代码',
    'export a self-contained, verifiable evidence package for an object (for disputes)': '为某一对象导出自包含、可验证的证据包（用于争议解决）',
    'STIX id of the object': '对象的 STIX id',
    'verify an evidence package on its own (no node needed)': '单独验证证据包（无需节点）',
    'evidence package': '证据包',
  },
  ru: {
    'the verifiable record of everything exchanged with peers': 'проверяемый реестр всего, чем узел обменялся с другими узлами',
    'recompute the hash chains and verify every bundle and receipt signature; exits non-zero on any problem': 'пересчитать цепочки хешей и проверить подписи всех пакетов и квитанций; при любой проблеме — ненулевой код выхода',
    'compare this node’s view of the channel with the peer’s own and name the first divergence': 'сравнить записи этого узла о канале с записями другого узла и назвать первое расхождение',
    'the peer’s Party code': 'код Стороны другого узла',
    'export a self-contained, verifiable evidence package for an object (for disputes)': 'выгрузить самодостаточный проверяемый пакет доказательств по объекту (для споров)',
    'STIX id of the object': 'идентификатор STIX объекта',
    'verify an evidence package on its own (no node needed)': 'проверить пакет доказательств отдельно (узел не нужен)',
    'evidence package': 'пакет доказательств',
  },
};
