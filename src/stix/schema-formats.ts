import { isIPv6 } from 'node:net';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Format } from 'ajv';
import { isIdentifier } from './stix-identifier.js';
import { isStixTimestamp } from './stix-timestamp.js';
import type { StixRule } from './stix-issue.js';

const HEX = /^(?:[a-fA-F0-9]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}(?:/(?:3[0-2]|[12]?[0-9]))?$`);
// RFC 5646: langtag (language, extlang, script, region, variants, extensions, private use) or private use.
const LANGUAGE_TAG =
  /^(?:(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z0-9]{2,8})+)*(?:-[xX](?:-[a-zA-Z0-9]{1,8})+)?|[xX](?:-[a-zA-Z0-9]{1,8})+)$/;

/** True when the text is an RFC 5646 language tag (e.g. en, zh-Hans, ru-RU). */
export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** True when the text is an IPv6 address, optionally with a CIDR prefix length. */
function isIpv6Value(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return isIPv6(value);
  const prefix = value.slice(slash + 1);
  return /^(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])$/.test(prefix) && isIPv6(value.slice(0, slash));
}

const uri = fullFormats.uri;
const email = fullFormats.email;

/** The formats Accord's STIX schemas use, each tied to the rule its failures are reported under. */
export const stixFormats: Readonly<Record<string, { format: Format; rule: StixRule }>> = {
  'stix-timestamp': { format: isStixTimestamp, rule: 'timestamp-format' },
  'stix-identifier': { format: isIdentifier, rule: 'identifier-format' },
  'stix-hex': { format: HEX, rule: 'encoding' },
  'stix-binary': { format: BASE64, rule: 'encoding' },
  'stix-ipv4': { format: IPV4, rule: 'ip-format' },
  'stix-ipv6': { format: isIpv6Value, rule: 'ip-format' },
  'language-tag': { format: isLanguageTag, rule: 'language-tag' },
  uri: { format: uri, rule: 'url-format' },
  email: { format: email, rule: 'email-format' },
};

/** True when the value is valid hex (even number of hex digits), as `_hex` properties require. */
export function isHex(value: string): boolean {
  return HEX.test(value);
}

/** True when the value is padded base64, as `_bin` properties require. */
export function isBase64(value: string): boolean {
  return BASE64.test(value);
}
