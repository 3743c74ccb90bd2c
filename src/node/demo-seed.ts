import { v5 as uuidv5 } from 'uuid';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { ACCORD_NAMESPACE } from '../federation/local-authority.js';

/** Deterministic ids, so re-seeding a demo never duplicates. */
const id = (type: string, key: string) => `${type}--${uuidv5(`demo:${key}`, ACCORD_NAMESPACE)}`;

const day = (d: number, h = 8) => new Date(Date.UTC(2026, 10, d, h)).toISOString();

function indicator(key: string, name: string, pattern: string, created: string, tlp: 'green' | 'amber' | 'clear', description: string) {
  return {
    type: 'indicator', spec_version: '2.1', id: id('indicator', key), created, modified: created, name, description, indicator_types: ['malicious-activity'],
    pattern, pattern_type: 'stix', valid_from: created, object_marking_refs: [TLP2_MARKING_IDS[tlp]],
  };
}

/** What the China node's analysts have found and share with Russia (documentation address ranges only). */
export function chinaShares(): Record<string, unknown>[] {
  const created = day(20);
  const malware = {
    type: 'malware', spec_version: '2.1', id: id('malware', 'cn-shadowloader'), created, modified: created, name: 'ShadowLoader',
    description: '针对电力调度系统工程师的模块化加载器，通过伪装成设备固件更新的邮件附件传播。', malware_types: ['backdoor', 'dropper'], is_family: true,
    object_marking_refs: [TLP2_MARKING_IDS.amber],
  };
  const c2 = indicator('cn-c2-1', 'ShadowLoader 命令与控制服务器', "[ipv4-addr:value = '203.0.113.45']", created, 'amber', '2026年11月在多起针对关键信息基础设施的鱼叉式钓鱼事件中观察到。');
  const domain = indicator('cn-domain-1', 'ShadowLoader 投递域名', "[domain-name:value = 'firmware-update.example.net']", created, 'amber', '用于投递恶意附件的域名。');
  const hash = indicator('cn-hash-1', 'ShadowLoader 样本 SHA-256', "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']", created, 'green', '恶意附件样本。');
  const uses = [c2, domain, hash].map((i) => ({
    type: 'relationship', spec_version: '2.1', id: id('relationship', `cn-rel-${i.id}`), created, modified: created, relationship_type: 'indicates',
    source_ref: i.id, target_ref: malware.id, object_marking_refs: [TLP2_MARKING_IDS.amber],
  }));
  const report = {
    type: 'report', spec_version: '2.1', id: id('report', 'cn-report-1'), created, modified: created, name: '针对电力行业的鱼叉式钓鱼活动分析报告',
    description: '国家计算机网络应急技术处理协调中心对近期针对电力行业工程师的鱼叉式钓鱼活动的技术分析，包括恶意软件、基础设施和检测指标。',
    report_types: ['threat-report', 'malware'], published: created, object_refs: [malware.id, c2.id, domain.id, hash.id, ...uses.map((u) => u.id)],
    object_marking_refs: [TLP2_MARKING_IDS.amber],
  };
  return [malware, c2, domain, hash, ...uses, report];
}

/** What the Russia node's analysts have found and share with China. */
export function russiaShares(): Record<string, unknown>[] {
  const created = day(22, 10);
  const vulnerability = {
    type: 'vulnerability', spec_version: '2.1', id: id('vulnerability', 'ru-vuln-1'), created, modified: created, name: 'CVE-2026-12345',
    description: 'Уязвимость удалённого выполнения кода в веб-интерфейсе промышленных маршрутизаторов, активно эксплуатируемая против объектов КИИ.',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2026-12345' }], object_marking_refs: [TLP2_MARKING_IDS.green],
  };
  const scanner = indicator('ru-ip-1', 'Сканирующий узел, эксплуатирующий CVE-2026-12345', "[ipv4-addr:value = '198.51.100.23']", created, 'green', 'Массовое сканирование промышленных маршрутизаторов, наблюдаемое с 21 ноября 2026 г.');
  const shared = indicator('ru-c2-1', 'Сервер управления ShadowLoader', "[ipv4-addr:value = '203.0.113.45']", created, 'amber', 'Тот же адрес управления, что и в кампании против энергетических компаний.');
  const incident = {
    type: 'incident', spec_version: '2.1', id: id('incident', 'ru-incident-1'), created, modified: created, name: 'Компрометация рабочей станции инженера энергосистемы',
    description: 'Рабочая станция инженера диспетчерского центра заражена загрузчиком после открытия вложения; связь с 203.0.113.45.',
    object_marking_refs: [TLP2_MARKING_IDS.amber],
  };
  const exploits = {
    type: 'relationship', spec_version: '2.1', id: id('relationship', 'ru-rel-1'), created, modified: created, relationship_type: 'related-to',
    source_ref: scanner.id, target_ref: vulnerability.id, object_marking_refs: [TLP2_MARKING_IDS.green],
  };
  return [vulnerability, scanner, shared, incident, exploits];
}

/** The China node's early warning to Russia about the campaign it shared (sent, so a deadline runs). */
export function chinaWarning(): Record<string, unknown> {
  return {
    title: '针对电力调度系统的 ShadowLoader 鱼叉式钓鱼活动',
    description: '攻击者以设备固件更新为诱饵，向电力调度系统工程师投递 ShadowLoader 加载器，命令与控制服务器为 203.0.113.45。',
    lang: 'zh',
    severity: 'critical',
    threatCategory: 'crime',
    affectedSectors: ['能源 / 电力'],
    relatedRefs: [id('malware', 'cn-shadowloader'), id('indicator', 'cn-c2-1'), id('indicator', 'cn-domain-1')],
    recommendedActions: ['封锁 203.0.113.45 与 firmware-update.example.net', '检查工程师工作站是否存在 ShadowLoader 样本'],
    tlp: 'amber',
    addressees: ['RU'],
    translations: [{ lang: 'ru', title: 'Фишинговая кампания ShadowLoader против диспетчерских систем энергетики' }],
    send: true,
  };
}

/** The Russia node's request for assistance to China about the same infrastructure. */
export function russiaRequest(): Record<string, unknown> {
  return {
    title: 'Запрос о содействии: инфраструктура управления ShadowLoader',
    lang: 'ru',
    legalBasis: ['art-3.5', 'art-3.7'],
    threatCategory: 'crime',
    facts: 'Рабочая станция инженера диспетчерского центра заражена загрузчиком ShadowLoader; установлена связь с 203.0.113.45.',
    assistance: [{ kind: 'identify-infrastructure' }, { kind: 'preserve-logs' }],
    relatedRefs: [id('incident', 'ru-incident-1')],
    urgency: 'priority',
    addressee: { party: 'CN' },
    tlp: 'amber',
  };
}

export interface DemoUser {
  readonly party: string;
  readonly name: string;
  readonly displayName: string;
  readonly role: 'analyst' | 'liaison' | 'reader';
  readonly locale: 'zh' | 'ru' | 'en';
}

export const demoUsers: readonly DemoUser[] = [
  { party: 'CN', name: 'wang.analyst', displayName: '王分析员', role: 'analyst', locale: 'zh' },
  { party: 'CN', name: 'li.liaison', displayName: '李联络官', role: 'liaison', locale: 'zh' },
  { party: 'RU', name: 'ivanov.analyst', displayName: 'Иванов А. П.', role: 'analyst', locale: 'ru' },
  { party: 'RU', name: 'petrova.liaison', displayName: 'Петрова Е. В.', role: 'liaison', locale: 'ru' },
];
