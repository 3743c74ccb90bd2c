import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { Authenticator } from '../http/authenticate.js';
import type { SigningKey } from '../keys/key-ring.js';
import { federationMessage } from './federation.messages.js';
import { findPeer, peerKey, useNonce } from './peers.repository.js';
import { publicKeyOf } from './signing.js';

export const PEER_SCHEME = 'AccordPeer';
const TOKEN_TYPE = 'accord-peer+jwt';
/** Tokens live two minutes; clocks of the two nodes may differ by up to five. */
const LIFETIME_SECONDS = 120;
const CLOCK_TOLERANCE_SECONDS = 300;

/**
 * A short-lived token, signed with the node key, bound to the receiving Party, the method and the
 * path, with a nonce the receiver remembers: no shared passwords, and no replay.
 */
export async function peerToken(key: SigningKey, from: string, to: string, method: string, path: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ htm: method.toUpperCase(), htu: path })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYPE })
    .setIssuer(from)
    .setAudience(to)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** Verifies AccordPeer tokens: known, active peer; its current node key; bound to this node; fresh; unused. */
export function peerAuthenticator(deps: { database: Database; clock: Clock; audit: AuditService; party: string }): Authenticator {
  return async (request: FastifyRequest): Promise<Principal | undefined> => {
    const header = request.headers.authorization;
    if (!header?.startsWith(`${PEER_SCHEME} `)) return undefined;
    const token = header.slice(PEER_SCHEME.length + 1).trim();
    const refuse = async (error: AccordError, issuer?: string): Promise<never> => {
      await deps.audit.record({ actor: undefined, action: 'peer.auth', outcome: 'denied', targetType: 'peer', targetId: issuer ?? 'unknown', detail: { reason: error.message, path: request.url }, address: request.ip });
      throw error;
    };
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'not a JWS' })));
    }
    const key = kid ? await peerKey(deps.database.db, kid) : undefined;
    if (!key || key.purpose !== 'node') return refuse(new AccordError('peer-unknown', federationMessage('badToken', { reason: 'unknown key' })));
    const peer = await findPeer(deps.database.db, key.party);
    if (!peer || peer.status !== 'active') return refuse(new AccordError('peer-unknown', federationMessage('peerRevoked', { party: key.party })), key.party);
    if (key.retiredUs !== null) return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'retired key' })), key.party);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, publicKeyOf(JSON.parse(key.publicJwk) as Parameters<typeof publicKeyOf>[0]), {
        algorithms: ['EdDSA'], typ: TOKEN_TYPE, issuer: key.party, clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: deps.clock.now(),
      }));
    } catch (error) {
      return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: error instanceof Error ? error.message : 'invalid' })), key.party);
    }
    const audience = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (audience !== deps.party) return refuse(new AccordError('forbidden', federationMessage('notForMe', { audience: String(audience), party: deps.party })), key.party);
    const path = request.url.split('?')[0];
    if (payload.htm !== request.method || payload.htu !== path) return refuse(new AccordError('signature-invalid', federationMessage('badToken', { reason: 'bound to another request' })), key.party);
    const expiresUs = ((payload.exp ?? 0) + CLOCK_TOLERANCE_SECONDS) * 1_000_000;
    if (!payload.jti || !(await useNonce(deps.database.db, key.party, payload.jti, expiresUs)))
      return refuse(new AccordError('replay-refused', federationMessage('replay')), key.party);
    return { kind: 'peer', party: key.party, keyId: key.kid };
  };
}
