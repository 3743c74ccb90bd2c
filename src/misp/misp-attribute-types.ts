import { termKey, type Term, type TermValue } from './observable-terms.js';

/**
 * MISP attribute types that read as STIX observable facts. Each entry says which terms a value
 * stands for and how to read the value back from those terms, so import and export share one
 * table. Types not listed here (and the special ones in SPECIAL_TYPES) are handled elsewhere.
 */
export interface AttributeType {
  readonly category: string;
  /** The term keys (`type:path`) this attribute type produces, in value order. */
  readonly signatures: readonly string[];
  /** False when no valid SCO can be built from the terms alone (pattern only). */
  readonly observable: boolean;
  terms(value: string): Term[] | undefined;
  value(terms: readonly Term[]): string | undefined;
  /** For export: whether these terms are this type rather than another with the same signature. */
  accepts(terms: readonly Term[]): boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?$/;

function ipType(value: string): 'ipv4-addr' | 'ipv6-addr' | undefined {
  if (IPV4.test(value)) return 'ipv4-addr';
  if (IPV6.test(value)) return 'ipv6-addr';
  return undefined;
}

const isIp = (value: TermValue | undefined): boolean =>
  value !== undefined && ipType(String(value)) !== undefined;

function single(
  objectType: string,
  path: string,
  category: string,
  options: {
    observable?: boolean;
    numeric?: (value: string) => number | undefined;
    normalize?: (value: string) => string;
    format?: (value: TermValue) => string;
  } = {},
): AttributeType {
  return {
    category,
    signatures: [`${objectType}:${path}`],
    observable: options.observable ?? true,
    terms(value) {
      const converted = options.numeric
        ? options.numeric(value)
        : options.normalize
          ? options.normalize(value)
          : value;
      return converted === undefined ? undefined : [{ objectType, path, value: converted }];
    },
    value: (terms) =>
      terms[0] ? (options.format ? options.format(terms[0].value) : String(terms[0].value)) : undefined,
    accepts: () => true,
  };
}

function ipAttribute(category: string): AttributeType {
  return {
    category,
    signatures: ['ipv4-addr:value', 'ipv6-addr:value'],
    observable: true,
    terms(value) {
      const type = ipType(value);
      return type ? [{ objectType: type, path: 'value', value }] : undefined;
    },
    value: (terms) => (terms[0] ? String(terms[0].value) : undefined),
    accepts: () => true,
  };
}

/** `a|b` attribute types: each half is one term of the same object. */
function composite(
  category: string,
  parts: readonly [objectType: string, path: string, numeric?: boolean][],
  accepts: (values: readonly string[]) => boolean = () => true,
  normalizers: readonly ((value: string) => string)[] = [],
): AttributeType {
  const signatures = [
    parts
      .map(([type, path]) => `${type}:${path}`)
      .sort()
      .join('&'),
  ];
  return {
    category,
    signatures,
    observable: true,
    terms(value) {
      const values = value.split('|');
      if (values.length !== parts.length || !accepts(values)) return undefined;
      const terms: Term[] = [];
      for (const [index, [objectType, path, numeric]] of parts.entries()) {
        const text = values[index] ?? '';
        const normalize = normalizers[index];
        const converted = numeric ? toPort(text) : normalize ? normalize(text) : text;
        if (converted === undefined || text === '') return undefined;
        terms.push({ objectType, path, value: converted });
      }
      return terms;
    },
    value(terms) {
      const values = parts.map(([type, path]) => terms.find((t) => termKey(t) === `${type}:${path}`)?.value);
      return values.some((v) => v === undefined) ? undefined : values.map(String).join('|');
    },
    accepts: (terms) =>
      accepts(
        parts.map(([type, path]) => String(terms.find((t) => termKey(t) === `${type}:${path}`)?.value ?? '')),
      ),
  };
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** STIX wants registry keys with the full hive name; MISP data often abbreviates it. */
function fullRegistryKey(key: string): string {
  const match = /^(HKLM|HKCU|HKCR|HKU|HKCC)(?=\\|$)/i.exec(key);
  const hive = match ? HIVES[(match[1] ?? '').toUpperCase()] : undefined;
  return hive && match ? hive + key.slice(match[0].length) : key;
}

/** STIX mac-addr values are lowercase and colon-separated. */
function normalMac(mac: string): string {
  return /^[0-9A-Fa-f]{2}([-:.]?[0-9A-Fa-f]{2}){5}$/.test(mac)
    ? (mac.replace(/[-:.]/g, '').toLowerCase().match(/../g) ?? []).join(':')
    : mac;
}

function toPort(text: string): number | undefined {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined;
}

function toAsNumber(text: string): number | undefined {
  const digits = /^(?:AS)?(\d{1,10})$/i.exec(text.trim())?.[1];
  return digits === undefined ? undefined : Number(digits);
}

function toSize(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/** MISP hash attribute types and the STIX hash names they become. */
export const HASH_NAMES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  'sha3-224': 'SHA3-224',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const hashPath = (name: string): string => `hashes.${PLAIN_KEY.test(name) ? name : `'${name}'`}`;

function buildTable(): Record<string, AttributeType> {
  const table: Record<string, AttributeType> = {
    'ip-dst': ipAttribute('Network activity'),
    'ip-src': ipAttribute('Network activity'),
    domain: single('domain-name', 'value', 'Network activity'),
    hostname: single('domain-name', 'value', 'Network activity'),
    url: single('url', 'value', 'Network activity'),
    uri: single('url', 'value', 'Network activity'),
    filename: single('file', 'name', 'Payload delivery'),
    'email-attachment': single('file', 'name', 'Payload delivery'),
    email: single('email-addr', 'value', 'Payload delivery'),
    'email-src': single('email-addr', 'value', 'Payload delivery'),
    'email-dst': single('email-addr', 'value', 'Payload delivery'),
    'email-subject': single('email-message', 'subject', 'Payload delivery'),
    'email-body': single('email-message', 'body', 'Payload delivery'),
    'email-message-id': single('email-message', 'message_id', 'Payload delivery'),
    'email-reply-to': single('email-message', "additional_header_fields.'Reply-To'", 'Payload delivery'),
    'email-x-mailer': single('email-message', "additional_header_fields.'X-Mailer'", 'Payload delivery'),
    AS: single('autonomous-system', 'number', 'Network activity', {
      numeric: toAsNumber,
      format: (v) => `AS${String(v)}`,
    }),
    mutex: single('mutex', 'name', 'Artifacts dropped'),
    regkey: single('windows-registry-key', 'key', 'Persistence mechanism', { normalize: fullRegistryKey }),
    'mac-address': single('mac-addr', 'value', 'Network activity', { normalize: normalMac }),
    'user-agent': single(
      'network-traffic',
      "extensions.'http-request-ext'.request_header.'User-Agent'",
      'Network activity',
      {
        observable: false,
      },
    ),
    port: single('network-traffic', 'dst_port', 'Network activity', { observable: false, numeric: toPort }),
    'size-in-bytes': single('file', 'size', 'Other', { numeric: toSize }),
    'mime-type': single('file', 'mime_type', 'Payload delivery'),
    'x509-fingerprint-md5': single('x509-certificate', 'hashes.MD5', 'Network activity'),
    'x509-fingerprint-sha1': single('x509-certificate', "hashes.'SHA-1'", 'Network activity'),
    'x509-fingerprint-sha256': single('x509-certificate', "hashes.'SHA-256'", 'Network activity'),
    'ip-dst|port': composite(
      'Network activity',
      [
        ['network-traffic', 'dst_ref.value'],
        ['network-traffic', 'dst_port', true],
      ],
      ([ip]) => isIp(ip),
    ),
    'ip-src|port': composite(
      'Network activity',
      [
        ['network-traffic', 'src_ref.value'],
        ['network-traffic', 'src_port', true],
      ],
      ([ip]) => isIp(ip),
    ),
    'hostname|port': composite(
      'Network activity',
      [
        ['network-traffic', 'dst_ref.value'],
        ['network-traffic', 'dst_port', true],
      ],
      ([host]) => !isIp(host),
    ),
    'domain|ip': composite(
      'Network activity',
      [
        ['domain-name', 'value'],
        ['domain-name', 'resolves_to_refs[*].value'],
      ],
      ([, ip]) => isIp(ip),
    ),
    'regkey|value': composite(
      'Persistence mechanism',
      [
        ['windows-registry-key', 'key'],
        ['windows-registry-key', 'values[*].data'],
      ],
      () => true,
      [fullRegistryKey],
    ),
  };
  for (const [type, name] of Object.entries(HASH_NAMES)) {
    table[type] = single('file', hashPath(name), 'Payload delivery');
    table[`filename|${type}`] = composite('Payload delivery', [
      ['file', 'name'],
      ['file', hashPath(name)],
    ]);
  }
  return table;
}

export const ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = buildTable();

/** Types with their own STIX object or pattern type rather than observable terms. */
export const SPECIAL_TYPES = new Set([
  'vulnerability',
  'link',
  'stix2-pattern',
  'yara',
  'sigma',
  'snort',
  'text',
  'comment',
  'other',
]);

/** Pattern languages STIX 2.1 names (pattern-type-ov) that MISP carries as attribute types. */
export const PATTERN_LANGUAGES: Readonly<Record<string, string>> = {
  yara: 'yara',
  sigma: 'sigma',
  snort: 'snort',
};

/** Default MISP categories of the special types. */
export const SPECIAL_CATEGORIES: Readonly<Record<string, string>> = {
  vulnerability: 'External analysis',
  link: 'External analysis',
  'stix2-pattern': 'Payload installation',
  'campaign-name': 'Attribution',
  yara: 'Payload installation',
  sigma: 'Payload installation',
  snort: 'Network activity',
  text: 'Other',
  comment: 'Other',
  other: 'Other',
};

// Export prefers the first type registered for a signature (ip-dst over ip-src, domain over
// hostname, filename over email-attachment); import metadata restores the exact type.
const BY_SIGNATURE = new Map<string, string[]>();
for (const [type, mapping] of Object.entries(ATTRIBUTE_TYPES)) {
  for (const signature of mapping.signatures) {
    const list = BY_SIGNATURE.get(signature) ?? [];
    list.push(type);
    BY_SIGNATURE.set(signature, list);
  }
}

function signatureOf(terms: readonly Term[]): string {
  return terms.map(termKey).sort().join('&');
}

/** The MISP attribute (type and value) that says exactly these terms, if one does. */
export function attributeForTerms(terms: readonly Term[]): { type: string; value: string } | undefined {
  for (const type of BY_SIGNATURE.get(signatureOf(terms)) ?? []) {
    const mapping = ATTRIBUTE_TYPES[type];
    if (!mapping?.accepts(terms)) continue;
    const value = mapping.value(terms);
    if (value !== undefined) return { type, value };
  }
  return undefined;
}
