import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkFailure, timeoutFailure } from './network-failure.js';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('why a peer could not be reached, in the operator’s language', () => {
  it('says a refused connection, from node:http and from fetch alike', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const viaFetch = await fetch(url).catch((error: unknown) => error);
    expect(networkFailure(viaFetch).text('ru')).toBe('в соединении отказано: по этому адресу никто не слушает');
    const { request } = await import('node:http');
    const viaHttp = await new Promise((resolve) => request(url).on('error', resolve).end());
    expect(networkFailure(viaHttp).text('zh')).toBe('连接被拒绝：该地址上没有服务在监听');
  });

  it('says the client’s own time-out with its limit, and an untrusted certificate with OpenSSL’s code', () => {
    expect(networkFailure(timeoutFailure(30_000)).text('ru')).toBe('нет ответа за 30000 мс');
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(networkFailure(selfSigned).text('zh')).toBe('其 TLS 证书不受信任（DEPTH_ZERO_SELF_SIGNED_CERT）');
  });

  it('keeps the words of a failure it has no message for', () => {
    expect(networkFailure(new Error('bad port')).text('ru')).toBe('bad port');
  });
});
