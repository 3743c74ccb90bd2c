import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { Locale } from '../i18n/locale.js';
import { storedMessage } from '../i18n/messages.js';
import type { KeyRing } from '../keys/key-ring.js';
import type { StixObject } from '../objects/object-row.js';
import type { Profile } from '../profile/profile.schema.js';
import { federationMessage } from './federation.messages.js';
import { fingerprintOf, normaliseFingerprint, parseCard, type PeerCard } from './peer-card.js';
import { findPeer, insertPeer, listPeers, peerKeys, updatePeer, type PeerRow } from './peers.repository.js';
import { readAuthorityRef } from './local-authority.js';
import { objectIdIs } from '../objects/object-id-key.js';

export interface PeerView {
  readonly party: string;
  readonly url: string;
  readonly status: string;
  readonly fingerprint: string;
  readonly added: string;
  readonly lastContact: string | null;
  /** Why the last delivery failed, in the reader's language. */
  readonly lastError: string | null;
  readonly failures: number;
  /** Objects queued for the peer and not yet acknowledged by a receipt. */
  readonly pending: number;
  /** Age of the oldest undelivered object, in seconds (0 when nothing waits). */
  readonly lagSeconds: number;
}

const iso = (us: number | null): string | null => (us === null ? null : new Date(us / 1000).toISOString());

/** Peering: this node's card, registering other Parties' nodes from theirs, and their state. */
export class PeersService {
  constructor(
    private readonly deps: { database: Database; keys: KeyRing; clock: Clock; config: Config; profile: Profile; audit: AuditService },
  ) {}

  /** This node's peer card: what another Party registers, after confirming the fingerprint out of band. */
  async card(): Promise<PeerCard> {
    const { database, keys, config, profile } = this.deps;
    const authorityRef = await readAuthorityRef(database);
    const authorityRow = authorityRef
      ? await database.db.selectFrom('stixObject').select('body').where(objectIdIs('stixObject', authorityRef)).where('isLatest', '=', 1).executeTakeFirst()
      : undefined;
    if (!authorityRow) throw new AccordError('invalid-configuration', federationMessage('noAuthorityIdentity'));
    const cardKeys = (await keys.publicKeys()).map((k) => ({
      kid: k.kid, purpose: k.purpose, authorityRef: k.authorityRef,
      jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(k.jwk.x), kid: k.kid }, created: k.created, retired: k.retired,
    }));
    const body = { accord: 'peer-card/1' as const, party: config.node.party, url: config.node.url, profile: profile.id, authority: JSON.parse(authorityRow.body) as PeerCard['authority'], keys: cardKeys };
    return { ...body, fingerprint: fingerprintOf(body) };
  }

  /** Registers a peer from its card; the fingerprint must match what was confirmed out of band. */
  async add(value: unknown, confirmedFingerprint: string, actor: Principal | 'system'): Promise<PeerCard> {
    const { database, config, profile, clock, audit } = this.deps;
    const card = await parseCard(value);
    if (card.party === config.node.party) throw new AccordError('bad-request', federationMessage('selfPeer', { party: card.party }));
    if (!profile.parties.some((p) => p.code === card.party)) throw new AccordError('bad-request', federationMessage('notAParty', { party: card.party, profile: profile.id }));
    if (card.profile !== profile.id) throw new AccordError('bad-request', federationMessage('cardOtherAgreement', { theirs: card.profile, ours: profile.id }));
    if (normaliseFingerprint(confirmedFingerprint) !== normaliseFingerprint(card.fingerprint))
      throw new AccordError('bad-request', federationMessage('fingerprintMismatch', { card: card.fingerprint, computed: fingerprintOf(card), given: confirmedFingerprint }));
    const existing = await findPeer(database.db, card.party);
    if (existing && existing.status === 'active') throw new AccordError('conflict', federationMessage('peerExists', { party: card.party }));
    const now = clock.nowMicros();
    await database.db.transaction().execute(async (trx) => {
      if (existing) {
        await trx.deleteFrom('peerKey').where('party', '=', card.party).execute();
        await trx.deleteFrom('peer').where('party', '=', card.party).execute();
      }
      await insertPeer(trx, {
        party: card.party, url: card.url.replace(/\/+$/, ''), card: JSON.stringify(card), fingerprint: card.fingerprint, status: 'active', addedUs: now,
        revokedUs: null, lastContactUs: null, lastError: null, failures: 0, nextAttemptUs: 0, pullCursorUs: 0,
      }, card.keys.map((k) => ({
        kid: k.kid, party: card.party, purpose: k.purpose, authorityRef: k.authorityRef, publicJwk: JSON.stringify({ ...k.jwk, kid: k.kid }), addedUs: now,
        retiredUs: k.retired ? Date.parse(k.retired) * 1000 : null,
      })));
    });
    await audit.record({ actor, action: 'peer.add', targetType: 'peer', targetId: card.party, detail: { url: card.url, fingerprint: card.fingerprint } });
    return card;
  }

  async revoke(party: string, actor: Principal | 'system'): Promise<void> {
    const peer = await this.require(party);
    await updatePeer(this.deps.database.db, peer.party, { status: 'revoked', revokedUs: this.deps.clock.nowMicros() });
    await this.deps.audit.record({ actor, action: 'peer.revoke', targetType: 'peer', targetId: party });
  }

  async require(party: string): Promise<PeerRow> {
    const peer = await findPeer(this.deps.database.db, party);
    if (!peer) throw new AccordError('not-found', federationMessage('unknownPeer', { party }));
    return peer;
  }

  /** An active peer, or an error saying why it cannot be used. */
  async active(party: string): Promise<PeerRow> {
    const peer = await this.require(party);
    if (peer.status !== 'active') throw new AccordError('peer-unknown', federationMessage('peerRevoked', { party }));
    return peer;
  }

  /** Every peer's state, its last delivery error said in the locale. */
  async list(locale: Locale): Promise<PeerView[]> {
    const { database, clock } = this.deps;
    const peers = await listPeers(database.db);
    const now = clock.nowMicros();
    const views: PeerView[] = [];
    for (const p of peers) {
      const waiting = await database.db
        .selectFrom('outboxItem')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('enqueuedUs').as('oldest')])
        .where('party', '=', p.party)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      const oldest = waiting?.oldest === null || waiting?.oldest === undefined ? undefined : Number(waiting.oldest);
      views.push({
        party: p.party, url: p.url, status: p.status, fingerprint: p.fingerprint, added: iso(p.addedUs) ?? '', lastContact: iso(p.lastContactUs),
        lastError: p.lastError === null ? null : storedMessage(p.lastError).text(locale), failures: p.failures, pending: Number(waiting?.n ?? 0), lagSeconds: oldest === undefined ? 0 : Math.max(0, Math.round((now - oldest) / 1e6)),
      });
    }
    return views;
  }

  async keysOf(party: string) {
    return peerKeys(this.deps.database.db, party);
  }

  /** The peer's authority identity as its card carried it. */
  async authorityOf(party: string): Promise<StixObject | undefined> {
    const peer = await findPeer(this.deps.database.db, party);
    return peer ? ((JSON.parse(peer.card) as PeerCard).authority) : undefined;
  }
}
