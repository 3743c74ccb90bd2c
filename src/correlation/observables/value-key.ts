import { createHash } from 'node:crypto';
import { formatIpv4, ipv4Network, ipv6Network, formatIpv6, parseIp } from './ip.js';
import type { Observable } from './observable.js';

/**
 * The correlation index stores one integer per value instead of the value: an IPv4 address is
 * its own uint32 (so a block's addresses are a key range), anything else a 53-bit prefix of
 * SHA-256(kind NUL value) placed above 2^32. 53 bits keep the key exact in JavaScript numbers
 * and in both stores; the odds that two of ten million distinct values share a key are ~0.5%,
 * and such a pair would only add a spurious candidate, never hide a correlation.
 */
const IPV4_SPACE = 2 ** 32;
const HASH_SPACE = 2 ** 53 - IPV4_SPACE;

export function valueKey(o: Observable): number {
  if (o.kind === 'ipv4-addr' && !o.value.includes('/')) {
    const ip = parseIp(o.value);
    if (ip?.family === 4) return ip.address;
  }
  return hashedKey(`${o.kind}\u0000${o.value}`);
}

function hashedKey(text: string): number {
  const digest = createHash('sha256').update(text).digest();
  // 53 bits: 21 from the first word, 32 from the second.
  const high = digest.readUInt32BE(0) & 0x1fffff;
  const low = digest.readUInt32BE(4);
  return IPV4_SPACE + ((high * IPV4_SPACE + low) % HASH_SPACE);
}

/**
 * The blocks that would contain an address (IPv4 /8–/31, IPv6 /16–/124 in steps of 4) with
 * their keys, so an address finds the blocks that indicators name.
 */
export function enclosingBlocks(o: Observable): Array<{ key: number; block: string }> {
  const ip = o.kind === 'ipv4-addr' || o.kind === 'ipv6-addr' ? parseIp(o.value) : undefined;
  if (!ip) return [];
  const out: Array<{ key: number; block: string }> = [];
  const add = (block: string) => out.push({ key: hashedKey(`${o.kind}\u0000${block}`), block });
  if (ip.family === 4)
    for (let p = 8; p < ip.prefix; p++) add(`${formatIpv4(ipv4Network(ip.address, p))}/${p}`);
  else for (let p = 16; p < ip.prefix; p += 4) add(`${formatIpv6(ipv6Network(ip.groups, p))}/${p}`);
  return out;
}

/** The key range of the IPv4 addresses inside a block (inclusive), so a block finds its addresses. */
export function blockKeyRange(o: Observable): readonly [number, number] | undefined {
  if (o.kind !== 'ipv4-addr' || !o.value.includes('/')) return undefined;
  const ip = parseIp(o.value);
  if (ip?.family !== 4 || ip.prefix < 8) return undefined;
  return [ip.address, ip.address + 2 ** (32 - ip.prefix) - 1];
}
