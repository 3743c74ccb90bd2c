/**
 * IPv4 and IPv6 text ↔ numbers, written for the matching hot path: IPv4 parses to a uint32
 * with one pass over char codes, IPv6 to eight 16-bit groups printed in RFC 5952 form.
 */

/** The uint32 of a dotted quad (leading zeros read as decimal), or -1 when `text` is not one. */
export function parseIpv4(text: string, start = 0, end = text.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The network of `address` with `prefix` leading bits kept (uint32). */
export function ipv4Network(address: number, prefix: number): number {
  if (prefix <= 0) return 0;
  if (prefix >= 32) return address >>> 0;
  return (address & (~0 << (32 - prefix))) >>> 0;
}

/** Eight 16-bit groups of an IPv6 address (zone id ignored), or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  const zone = text.indexOf('%');
  const body = zone >= 0 ? text.slice(0, zone) : text;
  if (!body.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(body)) return undefined;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function groupsOf(side: string): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const out: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 < 0) return undefined;
      out.push(v4 >>> 16, v4 & 0xffff);
    } else {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(part)) return undefined;
      out.push(parseInt(part, 16));
    }
  }
  return out;
}

/** RFC 5952 text: lower case, no leading zeros, the first longest run of two or more zero groups as `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** The groups with only the first `prefix` bits kept. */
export function ipv6Network(groups: readonly number[], prefix: number): number[] {
  return groups.map((group, index) => {
    const bits = Math.max(0, Math.min(16, prefix - index * 16));
    return bits === 0 ? 0 : group & ((0xffff << (16 - bits)) & 0xffff);
  });
}

/** An address or block as Accord compares it. */
export type IpValue =
  | { readonly family: 4; readonly address: number; readonly prefix: number }
  | { readonly family: 6; readonly groups: readonly number[]; readonly prefix: number };

/**
 * Parses `address[/prefix]`; host bits of a block are cleared (as routers do), and an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is read as the IPv4 address it carries.
 */
export function parseIp(text: string): IpValue | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  let prefix: number | undefined;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
  }
  const v4 = parseIpv4(addressText);
  if (v4 >= 0) {
    const bits = prefix ?? 32;
    return bits > 32 ? undefined : { family: 4, address: ipv4Network(v4, bits), prefix: bits };
  }
  const groups = parseIpv6(addressText);
  if (!groups) return undefined;
  const bits = prefix ?? 128;
  if (bits > 128) return undefined;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff && bits >= 96) {
    const address = ((groups[6] ?? 0) * 65536 + (groups[7] ?? 0)) >>> 0;
    return { family: 4, address: ipv4Network(address, bits - 96), prefix: bits - 96 };
  }
  return { family: 6, groups: ipv6Network(groups, bits), prefix: bits };
}

/** The canonical text of an address or block: a plain address when the block is one address. */
export function formatIp(ip: IpValue): string {
  if (ip.family === 4)
    return ip.prefix === 32 ? formatIpv4(ip.address) : `${formatIpv4(ip.address)}/${ip.prefix}`;
  return ip.prefix === 128 ? formatIpv6(ip.groups) : `${formatIpv6(ip.groups)}/${ip.prefix}`;
}
