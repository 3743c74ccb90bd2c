import { atLeastOne, exclusive, forbiddenWhen, requires } from './combinations.js';
import {
  binary,
  bool,
  dictionary,
  hashes,
  hex,
  identifier,
  identifierList,
  int,
  languageTag,
  listOf,
  nonNegativeInt,
  num,
  oneOfValues,
  str,
  strList,
  timestamp,
  url,
  type JsonSchema,
} from './common.schema.js';
import { issueMessage } from './stix-issue.messages.js';
import { ordered, ref, toTypes, type TypeSpec } from './type-spec.js';

const port: JsonSchema = { type: 'integer', minimum: 0, maximum: 65535 };
const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  minProperties: 1,
  properties,
  ...(required.length > 0 ? { required } : {}),
});

const fileExtensions: Record<string, JsonSchema> = {
  'archive-ext': object({ contains_refs: identifierList, comment: str }, ['contains_refs']),
  'ntfs-ext': object({
    sid: str,
    alternate_data_streams: listOf(object({ name: str, hashes, size: nonNegativeInt }, ['name'])),
  }),
  'pdf-ext': object({
    version: str,
    is_optimized: bool,
    document_info_dict: dictionary(str),
    pdfid0: str,
    pdfid1: str,
  }),
  'raster-image-ext': object({
    image_height: int,
    image_width: int,
    bits_per_pixel: int,
    exif_tags: dictionary({ type: ['string', 'integer'] }),
  }),
  'windows-pebinary-ext': object(
    {
      pe_type: str,
      imphash: str,
      machine_hex: hex,
      number_of_sections: nonNegativeInt,
      time_date_stamp: timestamp,
      pointer_to_symbol_table_hex: hex,
      number_of_symbols: nonNegativeInt,
      size_of_optional_header: nonNegativeInt,
      characteristics_hex: hex,
      file_header_hashes: hashes,
      optional_header: { type: 'object', minProperties: 1 },
      sections: listOf(object({ name: str, size: nonNegativeInt, entropy: num, hashes }, ['name'])),
    },
    ['pe_type'],
  ),
};

const networkTrafficExtensions: Record<string, JsonSchema> = {
  'http-request-ext': object(
    {
      request_method: str,
      request_value: str,
      request_version: str,
      request_header: dictionary({ type: ['string', 'array'], items: str }),
      message_body_length: nonNegativeInt,
      message_body_data_ref: identifier,
    },
    ['request_method', 'request_value'],
  ),
  'icmp-ext': object({ icmp_type_hex: hex, icmp_code_hex: hex }, ['icmp_type_hex', 'icmp_code_hex']),
  'socket-ext': object(
    {
      address_family: oneOfValues(
        'AF_UNSPEC',
        'AF_INET',
        'AF_IPX',
        'AF_APPLETALK',
        'AF_NETBIOS',
        'AF_INET6',
        'AF_IRDA',
        'AF_BTH',
      ),
      is_blocking: bool,
      is_listening: bool,
      options: dictionary(int),
      socket_type: oneOfValues('SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET'),
      socket_descriptor: nonNegativeInt,
      socket_handle: int,
    },
    ['address_family'],
  ),
  'tcp-ext': object({ src_flags_hex: hex, dst_flags_hex: hex }),
};

const processExtensions: Record<string, JsonSchema> = {
  'windows-process-ext': object({
    aslr_enabled: bool,
    dep_enabled: bool,
    priority: str,
    owner_sid: str,
    window_title: str,
    startup_info: dictionary(),
    integrity_level: oneOfValues('low', 'medium', 'high', 'system'),
  }),
  'windows-service-ext': object({
    service_name: str,
    descriptions: strList,
    display_name: str,
    group_name: str,
    start_type: oneOfValues(
      'SERVICE_AUTO_START',
      'SERVICE_BOOT_START',
      'SERVICE_DEMAND_START',
      'SERVICE_DISABLED',
      'SERVICE_SYSTEM_ALERT',
    ),
    service_dll_refs: identifierList,
    service_type: oneOfValues(
      'SERVICE_KERNEL_DRIVER',
      'SERVICE_FILE_SYSTEM_DRIVER',
      'SERVICE_WIN32_OWN_PROCESS',
      'SERVICE_WIN32_SHARE_PROCESS',
    ),
    service_status: oneOfValues(
      'SERVICE_CONTINUE_PENDING',
      'SERVICE_PAUSE_PENDING',
      'SERVICE_PAUSED',
      'SERVICE_RUNNING',
      'SERVICE_START_PENDING',
      'SERVICE_STOP_PENDING',
      'SERVICE_STOPPED',
    ),
  }),
};

const userAccountExtensions: Record<string, JsonSchema> = {
  'unix-account-ext': object({ gid: int, groups: strList, home_dir: str, shell: str }),
};

const ipAddress = (format: string): TypeSpec['properties'] => ({
  value: { type: 'string', format },
  resolves_to_refs: identifierList,
  belongs_to_refs: identifierList,
});

const userAccount: TypeSpec['properties'] = {
  user_id: str,
  credential: str,
  account_login: str,
  account_type: str,
  display_name: str,
  is_service_account: bool,
  is_privileged: bool,
  can_escalate_privs: bool,
  is_disabled: bool,
  account_created: timestamp,
  account_expires: timestamp,
  credential_last_changed: timestamp,
  account_first_login: timestamp,
  account_last_login: timestamp,
};

const processProperties: TypeSpec['properties'] = {
  is_hidden: bool,
  pid: int,
  created_time: timestamp,
  cwd: str,
  command_line: str,
  environment_variables: dictionary(str),
  opened_connection_refs: identifierList,
  creator_user_ref: identifier,
  image_ref: identifier,
  parent_ref: identifier,
  child_refs: identifierList,
};

const x509: TypeSpec['properties'] = {
  is_self_signed: bool,
  hashes,
  version: str,
  serial_number: str,
  signature_algorithm: str,
  issuer: str,
  validity_not_before: timestamp,
  validity_not_after: timestamp,
  subject: str,
  subject_public_key_algorithm: str,
  subject_public_key_modulus: str,
  subject_public_key_exponent: int,
  x509_v3_extensions: { type: 'object', minProperties: 1 },
};

const registryKey: TypeSpec['properties'] = {
  key: str,
  values: listOf(object({ name: str, data: str, data_type: str })),
  modified_time: timestamp,
  creator_user_ref: identifier,
  number_of_subkeys: nonNegativeInt,
};

const emailAddr = toTypes('email-addr');
const addressTypes = toTypes('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');
const artifact = toTypes('artifact');

/** The eighteen STIX 2.1 cyber-observable objects. */
export const scoSpecs: readonly TypeSpec[] = [
  {
    type: 'artifact',
    category: 'sco',
    properties: {
      mime_type: str,
      payload_bin: binary,
      url,
      hashes,
      encryption_algorithm: oneOfValues('AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'),
      decryption_key: str,
    },
    combinations: [
      exclusive('payload_bin', 'url'),
      requires('url', 'hashes'),
      requires('decryption_key', 'encryption_algorithm'),
    ],
  },
  {
    type: 'autonomous-system',
    category: 'sco',
    properties: { number: int, name: str, rir: str },
    required: ['number'],
  },
  {
    type: 'directory',
    category: 'sco',
    properties: {
      path: str,
      path_enc: str,
      ctime: timestamp,
      mtime: timestamp,
      atime: timestamp,
      contains_refs: identifierList,
    },
    required: ['path'],
    refs: [ref('contains_refs', toTypes('file', 'directory'))],
  },
  {
    type: 'domain-name',
    category: 'sco',
    properties: { value: str, resolves_to_refs: identifierList },
    required: ['value'],
    refs: [ref('resolves_to_refs', toTypes('ipv4-addr', 'ipv6-addr', 'domain-name'))],
  },
  {
    type: 'email-addr',
    category: 'sco',
    properties: { value: { type: 'string', format: 'email' }, display_name: str, belongs_to_ref: identifier },
    required: ['value'],
    refs: [ref('belongs_to_ref', toTypes('user-account'))],
  },
  {
    type: 'email-message',
    category: 'sco',
    properties: {
      is_multipart: bool,
      date: timestamp,
      content_type: str,
      from_ref: identifier,
      sender_ref: identifier,
      to_refs: identifierList,
      cc_refs: identifierList,
      bcc_refs: identifierList,
      message_id: str,
      subject: str,
      received_lines: strList,
      additional_header_fields: dictionary({ type: ['string', 'array'], items: str }),
      body: str,
      body_multipart: listOf(
        object({ body: str, body_raw_ref: identifier, content_type: str, content_disposition: str }),
      ),
      raw_email_ref: identifier,
    },
    required: ['is_multipart'],
    refs: [
      ref('from_ref', emailAddr),
      ref('sender_ref', emailAddr),
      ref('to_refs', emailAddr),
      ref('cc_refs', emailAddr),
      ref('bcc_refs', emailAddr),
      ref('raw_email_ref', artifact),
      ref('body_multipart.*.body_raw_ref', toTypes('artifact', 'file')),
    ],
    combinations: [
      forbiddenWhen('is_multipart', false, 'body_multipart'),
      forbiddenWhen('is_multipart', true, 'body'),
    ],
  },
  {
    type: 'file',
    category: 'sco',
    properties: {
      hashes,
      size: nonNegativeInt,
      name: str,
      name_enc: str,
      magic_number_hex: hex,
      mime_type: str,
      ctime: timestamp,
      mtime: timestamp,
      atime: timestamp,
      parent_directory_ref: identifier,
      contains_refs: identifierList,
      content_ref: identifier,
    },
    extensions: fileExtensions,
    refs: [
      ref('parent_directory_ref', toTypes('directory')),
      ref('contains_refs', { categories: ['sco', 'custom'], label: issueMessage('targetObservable') }),
      ref('content_ref', artifact),
      ref('extensions.archive-ext.contains_refs', toTypes('file', 'directory')),
    ],
    combinations: [atLeastOne('hashes', 'name')],
  },
  {
    type: 'ipv4-addr',
    category: 'sco',
    properties: ipAddress('stix-ipv4'),
    required: ['value'],
    refs: [
      ref('resolves_to_refs', toTypes('mac-addr')),
      ref('belongs_to_refs', toTypes('autonomous-system')),
    ],
  },
  {
    type: 'ipv6-addr',
    category: 'sco',
    properties: ipAddress('stix-ipv6'),
    required: ['value'],
    refs: [
      ref('resolves_to_refs', toTypes('mac-addr')),
      ref('belongs_to_refs', toTypes('autonomous-system')),
    ],
  },
  {
    type: 'mac-addr',
    category: 'sco',
    properties: { value: { type: 'string', pattern: '^([0-9a-f]{2}:){5}[0-9a-f]{2}$' } },
    required: ['value'],
  },
  { type: 'mutex', category: 'sco', properties: { name: str }, required: ['name'] },
  {
    type: 'network-traffic',
    category: 'sco',
    properties: {
      start: timestamp,
      end: timestamp,
      is_active: bool,
      src_ref: identifier,
      dst_ref: identifier,
      src_port: port,
      dst_port: port,
      protocols: strList,
      src_byte_count: nonNegativeInt,
      dst_byte_count: nonNegativeInt,
      src_packets: nonNegativeInt,
      dst_packets: nonNegativeInt,
      ipfix: dictionary({ type: ['string', 'integer'] }),
      src_payload_ref: identifier,
      dst_payload_ref: identifier,
      encapsulates_refs: identifierList,
      encapsulated_by_ref: identifier,
    },
    required: ['protocols'],
    extensions: networkTrafficExtensions,
    refs: [
      ref('src_ref', addressTypes),
      ref('dst_ref', addressTypes),
      ref('src_payload_ref', artifact),
      ref('dst_payload_ref', artifact),
      ref('encapsulates_refs', toTypes('network-traffic')),
      ref('encapsulated_by_ref', toTypes('network-traffic')),
      ref('extensions.http-request-ext.message_body_data_ref', artifact),
    ],
    order: [ordered('start', 'end')],
    combinations: [atLeastOne('src_ref', 'dst_ref'), forbiddenWhen('is_active', true, 'end')],
  },
  {
    type: 'process',
    category: 'sco',
    properties: processProperties,
    extensions: processExtensions,
    refs: [
      ref('opened_connection_refs', toTypes('network-traffic')),
      ref('creator_user_ref', toTypes('user-account')),
      ref('image_ref', toTypes('file')),
      ref('parent_ref', toTypes('process')),
      ref('child_refs', toTypes('process')),
      ref('extensions.windows-service-ext.service_dll_refs', toTypes('file')),
    ],
    combinations: [atLeastOne('extensions', ...Object.keys(processProperties))],
  },
  {
    type: 'software',
    category: 'sco',
    properties: { name: str, cpe: str, swid: str, languages: listOf(languageTag), vendor: str, version: str },
    required: ['name'],
  },
  { type: 'url', category: 'sco', properties: { value: url }, required: ['value'] },
  {
    type: 'user-account',
    category: 'sco',
    properties: userAccount,
    extensions: userAccountExtensions,
    combinations: [atLeastOne('extensions', ...Object.keys(userAccount))],
  },
  {
    type: 'windows-registry-key',
    category: 'sco',
    properties: registryKey,
    refs: [ref('creator_user_ref', toTypes('user-account'))],
    combinations: [atLeastOne(...Object.keys(registryKey))],
  },
  {
    type: 'x509-certificate',
    category: 'sco',
    properties: x509,
    combinations: [atLeastOne(...Object.keys(x509))],
  },
];
