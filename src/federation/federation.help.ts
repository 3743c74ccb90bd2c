import type { HelpTranslations } from '../cli/help-language.js';

/** The federation commands' help in Chinese and Russian (English is in federation.cli.ts). */
export const help: HelpTranslations = {
  zh: {
    'this node’s signing keys': '本节点的签名密钥',
    'replace the node or authority key; the old one stays valid for old records; peers are told': '更换节点密钥或主管机构密钥；旧密钥对已有记录仍然有效；并通知对等节点',
    'node or authority': 'node（节点）或 authority（主管机构）',
    'peering with other Parties’ nodes': '与其他缔约方节点的对等连接',
    'print this node’s peer card (JSON, with its fingerprint)': '打印本节点的对等节点名片（JSON，含指纹）',
    'register a peer from its card (a file, "-" for stdin, or the JSON itself)': '根据名片登记对等节点（文件；"-" 表示标准输入；或直接给出 JSON）',
    'the fingerprint confirmed out of band; without it you are asked': '通过带外渠道核实的指纹；未提供时会提示您确认',
    'the peer card': '对等节点名片',
    'peers with state, lag and last contact': '对等节点及其状态、滞后和最近联系时间',
    'revoke a peer: its requests and bundles are refused from now on': '撤销对等节点：此后拒收其请求和数据包',
    'Party code': '缔约方代码',
    'deliver what waits, pull-reconcile and exchange a signed checkpoint with a peer now': '立即与对等节点同步：投递待发送内容、拉取核对，并交换签名检查点',
  },
  ru: {
    'this node’s signing keys': 'ключи подписи этого узла',
    'replace the node or authority key; the old one stays valid for old records; peers are told': 'заменить ключ узла или органа; старый ключ остаётся действительным для прежних записей; другие узлы уведомляются',
    'node or authority': 'node (узел) или authority (орган)',
    'peering with other Parties’ nodes': 'связь с узлами других Сторон',
    'print this node’s peer card (JSON, with its fingerprint)': 'вывести карточку этого узла (JSON, с отпечатком)',
    'register a peer from its card (a file, "-" for stdin, or the JSON itself)': 'зарегистрировать узел по его карточке (файл, "-" для стандартного ввода или сам JSON)',
    'the fingerprint confirmed out of band; without it you are asked': 'отпечаток, подтверждённый по независимому каналу; если не указан, он будет запрошен',
    'the peer card': 'карточка узла',
    'peers with state, lag and last contact': 'узлы-партнёры: состояние, отставание и последний контакт',
    'revoke a peer: its requests and bundles are refused from now on': 'отозвать узел: его запросы и пакеты с этого момента отклоняются',
    'Party code': 'код Стороны',
    'deliver what waits, pull-reconcile and exchange a signed checkpoint with a peer now': 'немедленно доставить узлу ожидающее отправки, провести сверку с загрузкой недостающего и обменяться с ним подписанной контрольной точкой',
  },
};
