import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { Authenticator } from '../http/authenticate.js';
import type { SigningKey } from '../keys/key-ring.js';
import { federationMessage } from './federation.messages.js';
import { peerKey, useNonce } from './peers.repository.js';
import { PeerTokenError, peerTokenKid, signPeerToken, verifyPeerToken } from './peer-token.js';
import { publicKeyOf } from './signing.js';

export const PEER_SCHEME = 'AccordPeer';
/** Tokens live two minutes; clocks of the two nodes may differ by up to five. */
const LIFETIME_SECONDS = 120;
const CLOCK_TOLERANCE_SECONDS = 300;

/**
 * A short-lived token, signed with the node key, bound to the receiving Party, the method and the
 * path, with a nonce the receiver remembers: no shared passwords, and no replay.
 */
export function peerToken(key: SigningKey, from: string, to: string, method: string, path: string, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  return signPeerToken(key, { iss: from, aud: to, iat, exp: iat + LIFETIME_SECONDS, jti: randomUUID(), htm: method.toUpperCase(), htu: path });
}

/** Verifies AccordPeer tokens: known, active peer; its current node key; bound to this node; fresh; unused. */
export function peerAuthenticator(deps: { database: Database; clock: Clock; audit: AuditService; party: string }): Authenticator {
  return async (request: FastifyRequest): Promise<Principal | undefined> => {
    const header = request.headers.authorization;
    if (!header?.startsWith(`${PEER_SCHEME} `)) return undefined;
    const token = header.slice(PEER_SCHEME.length + 1).trim();
    const refuse = async (error: AccordError, issuer?: string): Promise<never> => {
      await deps.audit.record({ actor: undefined, action: 'peer.auth', outcome: 'denied', targetType: 'peer', targetId: issuer ?? 'unknown', detail: { reason: error.message, path: request.url }, address: request.ip });
      // This record, with its reason, is the refusal's one: the HTTP layer adds no second.
      throw error.markAudited();
    };
    let kid: string;
    try {
      kid = peerTokenKid(token);
    } catch {
      return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'not a JWS' })));
    }
    const key = await peerKey(deps.database.db, kid);
    if (!key || key.purpose !== 'node') return refuse(new AccordError('peer-unknown', federationMessage('badToken', { reason: 'unknown key' })));
    if (key.peerStatus !== 'active') return refuse(new AccordError('peer-unknown', federationMessage('peerRevoked', { party: key.party })), key.party);
    if (key.retiredUs !== null) return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'retired key' })), key.party);
    let payload;
    try {
      payload = verifyPeerToken(token, publicKeyOf(JSON.parse(key.publicJwk) as Parameters<typeof publicKeyOf>[0]), {
        issuer: key.party, now: deps.clock.now(), toleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      });
    } catch (error) {
      const reason = error instanceof PeerTokenError ? error.message : 'invalid';
      return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason })), key.party);
    }
    if (payload.aud !== deps.party) return refuse(new AccordError('forbidden', federationMessage('notForMe', { audience: payload.aud, party: deps.party })), key.party);
    const path = request.url.split('?')[0];
    if (payload.htm !== request.method || payload.htu !== path) return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'bound to another request' })), key.party);
    const expiresUs = (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1_000_000;
    if (!(await useNonce(deps.database.db, key.party, payload.jti, expiresUs)))
      return refuse(new AccordError('replay-refused', federationMessage('replay')), key.party);
    return { kind: 'peer', party: key.party, keyId: key.kid };
  };
}
