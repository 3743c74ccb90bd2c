import { describe, expect, it } from 'vitest';
import { networkContains, parseIpNetwork } from './ip-network.js';

const net = (text: string) => {
  const parsed = parseIpNetwork(text);
  if (!parsed) throw new Error(`not a network: ${text}`);
  return parsed;
};

describe('ip networks', () => {
  it.each([
    '1.2.3',
    '256.1.1.1',
    '1.2.3.4/33',
    '::1::2',
    '2001:db8::/129',
    'example.com',
    '1:2:3:4:5:6:7:8:9',
    '',
  ])('rejects %s', (text) => expect(parseIpNetwork(text)).toBeUndefined());

  it('parses IPv4, IPv6 and mixed notation', () => {
    expect(net('192.168.0.1/24')).toEqual({ family: 4, base: 0xc0a80000n, prefix: 24 });
    expect(net('::ffff:192.0.2.1')).toEqual({ family: 6, base: 0xffffc0000201n, prefix: 128 });
    expect(net('2001:0db8:dead:beef:0000:0000:0000:0000/64').base).toBe(net('2001:db8:dead:beef::/64').base);
  });

  it('decides containment', () => {
    expect(networkContains(net('10.0.0.0/8'), net('10.1.2.3'))).toBe(true);
    expect(networkContains(net('10.0.0.0/8'), net('11.0.0.0/16'))).toBe(false);
    expect(networkContains(net('10.1.0.0/16'), net('10.0.0.0/8'))).toBe(false);
    expect(networkContains(net('0.0.0.0/0'), net('203.0.113.9'))).toBe(true);
    expect(networkContains(net('::/0'), net('203.0.113.9'))).toBe(false);
  });
});
