import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AccordError, isAccordError } from '../errors/errors.js';
import type { Message } from '../i18n/messages.js';
import type { KeyRing, SigningKey } from '../keys/key-ring.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import { federationMessage } from './federation.messages.js';
import { readAuthorityRef } from './local-authority.js';
import type { CardKey } from './peer-card.js';
import { PEER_SCHEME, peerToken } from './peer-auth.js';
import { addPeerKey, findPeer, listPeers, peerKeys, retirePeerKeys } from './peers.repository.js';
import type { PeersService } from './peers.service.js';
import { decodeHeader, decodeJws, encodeJws, signDetached, verifyDetached } from './signing.js';
import { networkFailure } from './network-failure.js';

const KEYS_TYPE = 'accord-keys+jws';

/** What a node announces after rotating: all its keys, signed by the node keys the peer may still trust. */
export interface KeyAnnouncement {
  readonly payload: { type: 'accord-keys'; party: string; at: string; keys: CardKey[] };
  readonly signature: string;
}

export interface KeyRotationDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly peers: PeersService;
  readonly ledger: LedgerService;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly config: Config;
}

/**
 * Key rotation: a new node or authority key replaces the active one; the old stays on disk and in
 * the card (retired) so old records still verify. Peers learn the new keys from an announcement
 * signed by the previous node keys, which they already trust.
 */
export class KeyRotationService {
  constructor(private readonly deps: KeyRotationDeps) {}

  async rotate(purpose: 'node' | 'authority', actor: Principal | 'system'): Promise<{ kid: string }> {
    const { database, keys, ledger, audit } = this.deps;
    const authorityRef = purpose === 'authority' ? ((await readAuthorityRef(database)) ?? null) : null;
    const key = await keys.generate(purpose, authorityRef);
    await database.db.transaction().execute((trx) => ledger.append(trx, [{ kind: 'local', party: this.deps.config.node.party, contentHash: sha256Hex(canonicalJson(key.publicJwk)), signature: `key-rotated:${purpose}:${key.kid}` }]));
    await audit.record({ actor, action: 'keys.rotate', targetType: 'key', targetId: key.kid, detail: { purpose } });
    return { kid: key.kid };
  }

  /** The announcement of this node's keys, signed by every node key it has had (a peer trusts one of them). */
  private async announcement(): Promise<{ announcement: KeyAnnouncement; signers: SigningKey[] }> {
    const card = await this.deps.peers.card();
    const signers = this.nodeKeysNewestFirst(card.keys);
    const payload: KeyAnnouncement['payload'] = { type: 'accord-keys', party: card.party, at: this.deps.clock.now().toISOString(), keys: card.keys };
    const jws = await signDetached(canonicalJson(payload), signers.map((key) => ({ key, party: card.party })), KEYS_TYPE);
    return { announcement: { payload, signature: encodeJws(jws) }, signers };
  }

  private nodeKeysNewestFirst(cardKeys: readonly CardKey[]): SigningKey[] {
    return cardKeys
      .filter((k) => k.purpose === 'node')
      .sort((a, b) => b.created.localeCompare(a.created))
      .map((k) => ({ file: join(this.deps.config.dataDir, 'keys', `${k.kid}.pem`), k }))
      .filter(({ file }) => existsSync(file))
      .map(({ file, k }) => ({ kid: k.kid, purpose: 'node' as const, authorityRef: null, privateKey: createPrivateKey(readFileSync(file)), publicJwk: k.jwk }));
  }

  /** Sends the announcement to every active peer whose view of our keys is out of date. */
  async announceAll(): Promise<Array<{ party: string; ok: boolean; reason?: Message }>> {
    const results = [];
    for (const peer of (await listPeers(this.deps.database.db)).filter((p) => p.status === 'active')) {
      const fingerprint = (await this.deps.peers.card()).fingerprint;
      const setting = `keys-announced:${peer.party}`;
      const known = await this.deps.database.db.selectFrom('setting').select('value').where('key', '=', setting).executeTakeFirst();
      if (known?.value === fingerprint) continue;
      try {
        await this.announceTo(peer.party);
        await this.deps.database.db.insertInto('setting').values({ key: setting, value: fingerprint }).onConflict((oc) => oc.column('key').doUpdateSet({ value: fingerprint })).execute();
        results.push({ party: peer.party, ok: true });
      } catch (error) {
        // A Message, not English text: `accord keys rotate` says why in the operator's language.
        const reason = isAccordError(error) ? error.description : federationMessage('peerDown', { party: peer.party, reason: networkFailure(error) });
        results.push({ party: peer.party, ok: false, reason });
      }
    }
    return results;
  }

  private async announceTo(party: string): Promise<void> {
    const peer = await findPeer(this.deps.database.db, party);
    if (!peer) throw new AccordError('not-found', federationMessage('unknownPeer', { party }));
    const { announcement, signers } = await this.announcement();
    const url = new URL(`${peer.url}/federation/v1/keys`);
    let last = '';
    // The peer trusts whichever of our node keys it last heard of: try newest first.
    for (const key of signers) {
      const token = peerToken(key, this.deps.config.node.party, party, 'POST', url.pathname, this.deps.clock.now());
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `${PEER_SCHEME} ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(announcement),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
      if (response.status !== 401 && response.status !== 403) break;
    }
    throw new AccordError('peer-unreachable', federationMessage('peerDown', { party, reason: last }));
  }

  /** A peer's announcement: verified with a node key we hold for it, then its key set is updated. */
  async accept(party: string, announcement: KeyAnnouncement): Promise<{ keys: number }> {
    const { database, clock, audit } = this.deps;
    const { payload } = announcement;
    if (payload?.type !== 'accord-keys' || payload.party !== party) throw new AccordError('bad-request', federationMessage('badSignature', { reason: 'not a key announcement from this peer' }));
    const known = await peerKeys(database.db, party);
    const jws = decodeJws(announcement.signature);
    const text = canonicalJson(payload);
    let trusted = false;
    for (const signature of jws?.signatures ?? []) {
      const header = decodeHeader(signature);
      const key = known.find((k) => k.kid === header.kid && k.purpose === 'node');
      if (key && (await verifyDetached(text, signature, JSON.parse(key.publicJwk) as JWK))) trusted = true;
    }
    if (!trusted) throw new AccordError('signature-invalid', federationMessage('badSignature', { reason: 'key announcement not signed by a known node key' }));
    const now = clock.nowMicros();
    await database.db.transaction().execute(async (trx) => {
      for (const key of payload.keys) {
        await addPeerKey(trx, { kid: key.kid, party, purpose: key.purpose, authorityRef: key.authorityRef, publicJwk: JSON.stringify({ ...key.jwk, kid: key.kid }), addedUs: now, retiredUs: key.retired ? Date.parse(key.retired) * 1000 : null });
        if (key.retired) await trx.updateTable('peerKey').set({ retiredUs: Date.parse(key.retired) * 1000 }).where('kid', '=', key.kid).where('retiredUs', 'is', null).execute();
      }
      for (const key of payload.keys.filter((k) => !k.retired)) await retirePeerKeys(trx, party, key.purpose, key.authorityRef, key.kid, now);
    });
    await audit.record({ actor: { kind: 'peer', party, keyId: '' }, action: 'peer.keys', targetType: 'peer', targetId: party, detail: { keys: payload.keys.map((k) => `${k.purpose}:${k.kid}${k.retired ? ' (retired)' : ''}`) } });
    return { keys: payload.keys.length };
  }
}
