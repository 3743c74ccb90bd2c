import type { Clock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import type { KeyRing } from '../keys/key-ring.js';
import { federationMessage } from './federation.messages.js';
import { PEER_SCHEME, peerToken } from './peer-auth.js';

export interface PeerResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** HTTP to other Parties' nodes, each request carrying a fresh signed peer token. */
export class PeerClient {
  constructor(private readonly keys: KeyRing, private readonly party: string, private readonly clock: Clock, private readonly timeoutMs = 30_000) {}

  async request(peer: { party: string; url: string }, method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<PeerResponse> {
    const url = new URL(`${peer.url}${path}`);
    const key = await this.keys.active('node');
    const token = await peerToken(key, this.party, peer.party, method, url.pathname, this.clock.now());
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `${PEER_SCHEME} ${token}`, accept: 'application/taxii+json;version=2.1', ...options.headers },
        ...(options.body !== undefined ? { body: options.body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new AccordError('peer-unreachable', federationMessage('peerDown', { party: peer.party, reason }), { cause: error });
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
}
