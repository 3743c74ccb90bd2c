import { randomUUID } from 'node:crypto';

/** Realistic STIX objects for tests: valid by construction, varied where it matters. */
export function indicator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = Math.floor(Math.random() * 250) + 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-11-01T08:00:00.000Z',
    modified: '2026-11-01T08:00:00.000Z',
    name: `C2 server 198.51.100.${n}`,
    description: 'Command and control server observed in a phishing campaign against CERT constituents',
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-01T08:00:00Z',
    ...overrides,
  };
}

export function malware(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${randomUUID()}`,
    created: '2026-10-20T12:00:00.000Z',
    modified: '2026-10-20T12:00:00.000Z',
    name: '恶意软件样本 ShadowPad 变种',
    description: 'Модульный бэкдор, обнаруженный в сетях объектов критической информационной инфраструктуры',
    malware_types: ['backdoor'],
    is_family: false,
    ...overrides,
  };
}

export function envelope(objects: unknown[]): string {
  return JSON.stringify({ objects });
}

export function bundle(objects: unknown[]): Record<string, unknown> {
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}
