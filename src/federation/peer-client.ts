import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import type { KeyRing } from '../keys/key-ring.js';
import { federationMessage } from './federation.messages.js';
import { PEER_SCHEME, peerToken } from './peer-auth.js';
import { networkFailure, oversizeFailure, timeoutFailure } from './network-failure.js';

export interface PeerResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/** A peer answering with more than this is refused rather than buffered (channel pages are a few MiB). */
export const MAX_PEER_RESPONSE_BYTES = 64 * 1024 * 1024;
/**
 * Idle connections are closed well before a server or reverse proxy would drop them (Node: 72 s,
 * nginx: 75 s), so a reused connection is rarely one the other side has just closed.
 */
const IDLE_SOCKET_MS = 15_000;

interface Attempt {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly onWire: (() => void) | undefined;
}

/**
 * HTTP to other Parties' nodes, each request carrying a fresh signed peer token. It speaks
 * node:http over kept-alive connections rather than fetch: on loopback fetch cost ~0.8–1.4 ms a
 * request against ~0.3–0.4 ms, which is a fifth of an early warning's whole way to the peer.
 */
export class PeerClient {
  // Idle sockets are unref'd by the agent, so they never keep a stopping process alive.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };

  constructor(private readonly keys: KeyRing, private readonly party: string, private readonly clock: Clock, private readonly timeoutMs = 30_000) {}

  /** Sends one request; onWire is called once it is written out (for callers that wait only that long). */
  async request(
    peer: { party: string; url: string }, method: string, path: string,
    options: { body?: string; headers?: Record<string, string>; onWire?: () => void } = {},
  ): Promise<PeerResponse> {
    const url = new URL(`${peer.url}${path}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new AccordError('peer-unreachable', federationMessage('peerDown', { party: peer.party, reason: `unsupported scheme ${url.protocol}` }));
    const attempt = async (): Promise<PeerResponse> => {
      const key = await this.keys.active('node');
      const token = peerToken(key, this.party, peer.party, method, url.pathname, this.clock.now());
      const headers = { authorization: `${PEER_SCHEME} ${token}`, accept: 'application/taxii+json;version=2.1', ...options.headers };
      return this.send({ url, method, headers, body: options.body, onWire: options.onWire });
    };
    try {
      try {
        return await attempt();
      } catch (error) {
        // The peer closed a kept-alive connection as this request went out on it: nothing reached
        // its handler, so the request is sent once more on a new connection (with a new token).
        if (!(error instanceof StaleConnection)) throw error;
        return await attempt();
      }
    } catch (error) {
      const cause = error instanceof StaleConnection ? error.cause : error;
      throw new AccordError('peer-unreachable', federationMessage('peerDown', { party: peer.party, reason: networkFailure(cause) }), { cause });
    }
  }

  private send({ url, method, headers, body, onWire }: Attempt): Promise<PeerResponse> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<PeerResponse>((resolve, reject) => {
      const request = transport.request(url, {
        method,
        agent: this.agents[url.protocol as 'http:' | 'https:'],
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: this.timeoutMs,
      }, (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_PEER_RESPONSE_BYTES) request.destroy(oversizeFailure(MAX_PEER_RESPONSE_BYTES));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(timeoutFailure(this.timeoutMs)));
      request.on('error', (error: NodeJS.ErrnoException) =>
        reject(request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') ? new StaleConnection(error) : error));
      // 'finish': the request has been handed to the operating system. Right after end() it has
      // not: the agent attaches the socket on a later tick, after every pending promise callback.
      if (onWire) request.on('finish', onWire);
      request.end(body);
    });
  }
}

class StaleConnection extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}
