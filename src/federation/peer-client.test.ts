import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { systemClock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import { KeyRing } from '../keys/key-ring.js';
import { PeerClient } from './peer-client.js';
import { peerTokenKid } from './peer-token.js';

/** A peer's HTTP server whose behaviour each test sets; it records what reached it. */
function peerServer() {
  const seen: Array<{ authorization: string; body: string; socket: number }> = [];
  const sockets = new Map<object, number>();
  let handle: (request: http.IncomingMessage, response: http.ServerResponse, count: number) => void = (_request, response) => response.end('{}');
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size);
      seen.push({ authorization: request.headers.authorization ?? '', body: Buffer.concat(chunks).toString(), socket: sockets.get(request.socket) ?? -1 });
      handle(request, response, seen.length);
    });
  });
  return {
    seen,
    server,
    on: (next: typeof handle) => (handle = next),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

/** The error a request ended with (undefined when it succeeded). */
const failure = (request: Promise<unknown>): Promise<unknown> => request.then(() => undefined, (error: unknown) => error);

function expectUnreachable(error: unknown, mentions: string): void {
  expect(error).toBeInstanceOf(AccordError);
  expect((error as AccordError).code).toBe('peer-unreachable');
  expect((error as AccordError).message).toContain(mentions);
}

describe('the client a node uses to call its peers', () => {
  let database: TestDatabase;
  let dir: string;
  let client: PeerClient;
  const peer = peerServer();

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'accord-peer-client-'));
    const keys = new KeyRing(database, dir, systemClock);
    await keys.generate('node', null);
    client = new PeerClient(keys, 'CN', systemClock, 2_000);
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    peer.server.closeAllConnections();
    await new Promise((resolve) => peer.server.close(resolve));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the body with a fresh signed token each time, over one kept-alive connection', async () => {
    peer.seen.length = 0;
    peer.on((_request, response) => response.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}'));
    const target = { party: 'RU', url: peer.url() };
    const first = await client.request(target, 'POST', '/inbox/', { body: '{"objects":[]}' });
    const second = await client.request(target, 'POST', '/inbox/', { body: '{"objects":[1]}' });
    expect([first.status, first.text, second.text]).toEqual([202, '{"ok":true}', '{"ok":true}']);
    expect(peer.seen.map((s) => s.body)).toEqual(['{"objects":[]}', '{"objects":[1]}']);
    const [a, b] = peer.seen.map((s) => s.authorization);
    expect(a).toMatch(/^AccordPeer /);
    expect(a).not.toBe(b);
    expect(peerTokenKid(a?.slice('AccordPeer '.length) ?? '')).toBeTruthy();
    expect(peer.seen[0]?.socket).toBe(peer.seen[1]?.socket);
  });

  it('calls onWire once the request is written, before the answer comes', async () => {
    let release = (): void => undefined;
    peer.on((_request, response) => (release = () => response.end('{}')));
    let wired = false;
    const answered = client.request({ party: 'RU', url: peer.url() }, 'POST', '/inbox/', { body: '{}', onWire: () => (wired = true) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wired).toBe(true);
    release();
    expect((await answered).status).toBe(200);
  });

  it('sends again on a new connection when the peer closed a kept-alive one under the request', async () => {
    peer.seen.length = 0;
    const target = { party: 'RU', url: peer.url() };
    peer.on((_request, response) => response.end('{}'));
    await client.request(target, 'GET', '/x');
    // The peer drops the reused connection without answering, as a server closing an idle connection would.
    peer.on((request, response, count) => (count === 2 ? request.socket.destroy() : response.end('{"second":true}')));
    const answer = await client.request(target, 'GET', '/x');
    expect(answer.text).toBe('{"second":true}');
    expect(peer.seen).toHaveLength(3);
    expect(peer.seen[2]?.socket).not.toBe(peer.seen[1]?.socket);
    expect(peer.seen[2]?.authorization).not.toBe(peer.seen[1]?.authorization);
  });

  it('reports a peer that is down, too slow or answering too much as unreachable, naming the peer', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    expectUnreachable(await failure(client.request({ party: 'RU', url: downUrl }, 'GET', '/x')), 'RU');

    peer.on(() => undefined);
    expectUnreachable(await failure(client.request({ party: 'RU', url: peer.url() }, 'GET', '/slow')), '2000 ms');

    peer.on((_request, response) => {
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const write = (left: number): void => {
        if (left === 0) return void response.end();
        if (response.write(chunk)) write(left - 1);
        else response.once('drain', () => write(left - 1));
      };
      write(65);
    });
    expectUnreachable(await failure(client.request({ party: 'RU', url: peer.url() }, 'GET', '/big')), 'bytes');

    expectUnreachable(await failure(client.request({ party: 'RU', url: 'ftp://127.0.0.1' }, 'GET', '/x')), 'ftp:');
  });
});
