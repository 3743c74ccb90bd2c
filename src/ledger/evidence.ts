import type { JWK } from 'jose';
import type { Database } from '../db/database.js';
import { bundleObjects, bundlesWithObject } from '../federation/bundles.repository.js';
import { canonicalBundle, decodeHeader, decodeJws, payloadHash, verifyDetached } from '../federation/signing.js';
import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import type { Checkpoint } from '../federation/receipt.js';
import { entryHash, nextChannelHead } from './ledger-hash.js';
import { channelEntries, entriesForObject, receiptEntries, type LedgerRow } from './ledger.repository.js';
import type { Message } from '../i18n/messages.js';
import { ledgerMessage } from './ledger.messages.js';
import { objectIdIs } from '../objects/object-id-key.js';

/**
 * A self-contained, verifiable account of one object's exchanges, for disputes: its versions,
 * the signed bundles that carried them with their signed receipts, the ledger entries, and the
 * channel segment up to a checkpoint both sides signed. Verifying needs only this file and the
 * peer-card fingerprints the Parties confirmed.
 */
export interface EvidencePackage {
  readonly accord: 'evidence/1';
  readonly generated: string;
  readonly party: string;
  readonly objectId: string;
  readonly versions: unknown[];
  readonly bundles: Array<{ id: string; direction: string; party: string; objects: string[]; signature: string; receipt: string | null; receiptSignature: string | null }>;
  readonly ledger: LedgerRow[];
  readonly channelProofs: Array<{ entrySeq: number; segment: Array<{ objectId: string; versionUs: number; contentHash: string }>; checkpoint: { payload: string; signature: string; direction: string } | null }>;
  readonly keys: Record<string, Array<JWK & { purpose: string }>>;
  readonly fingerprints: Record<string, string>;
}

export async function buildEvidence(database: Database, party: string, objectId: string, generated: Date): Promise<EvidencePackage> {
  const db = database.db;
  const versions = await db.selectFrom('stixObject').select('body').where(objectIdIs('stixObject', objectId)).orderBy('versionUs').execute();
  const ledger = await entriesForObject(db, objectId);
  const bundleIds = [...new Set((await bundlesWithObject(db, objectId)).map((b) => b.bundleId))];
  const bundles = [];
  for (const id of bundleIds) {
    const row = await db.selectFrom('bundle').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) continue;
    const objects = await bundleObjects(db, id);
    bundles.push({ id, direction: row.direction, party: row.party, objects: objects.map((o) => o.body ?? ''), signature: row.signature, receipt: row.receipt, receiptSignature: row.receiptSignature });
    ledger.push(...(await receiptEntries(db, id)));
  }
  const channelProofs = [];
  for (const entry of ledger.filter((e) => (e.kind === 'sent' || e.kind === 'received') && e.objectId === objectId)) {
    const checkpoints = await db.selectFrom('checkpoint').selectAll().where('party', '=', entry.party).where('direction', '=', 'received').orderBy('seq').execute();
    const theirSide = entry.kind === 'sent' ? 'received' : 'sent';
    const covering = checkpoints.find((c) => (JSON.parse(c.payload) as Checkpoint)[theirSide].count >= (entry.channelIndex ?? 0));
    const upTo = covering ? (JSON.parse(covering.payload) as Checkpoint)[theirSide].count : (entry.channelIndex ?? 0);
    const segment = (await channelEntries(db, entry.party, entry.kind as 'sent' | 'received', (entry.channelIndex ?? 0) + 1, Math.max(0, upTo - (entry.channelIndex ?? 0))))
      .map((e) => ({ objectId: e.objectId ?? '', versionUs: e.versionUs ?? 0, contentHash: e.contentHash }));
    channelProofs.push({ entrySeq: entry.seq, segment, checkpoint: covering ? { payload: covering.payload, signature: covering.signature, direction: theirSide } : null });
  }
  const keys: EvidencePackage['keys'] = { [party]: (await db.selectFrom('nodeKey').selectAll().execute()).map((k) => ({ ...(JSON.parse(k.publicJwk) as JWK), purpose: k.purpose })) };
  const fingerprints: Record<string, string> = {};
  for (const peer of await db.selectFrom('peer').select(['party', 'fingerprint']).execute()) {
    keys[peer.party] = (await db.selectFrom('peerKey').selectAll().where('party', '=', peer.party).execute()).map((k) => ({ ...(JSON.parse(k.publicJwk) as JWK), purpose: k.purpose }));
    fingerprints[peer.party] = peer.fingerprint;
  }
  return {
    accord: 'evidence/1', generated: generated.toISOString(), party, objectId, versions: versions.map((v) => JSON.parse(v.body) as unknown),
    bundles, ledger, channelProofs, keys, fingerprints,
  };
}

/** Checks an evidence package on its own: signatures, hashes, entry hashes and channel proofs. */
export async function verifyEvidence(pkg: EvidencePackage): Promise<{ ok: boolean; findings: Message[]; problems: Message[] }> {
  const findings: Message[] = [];
  const problems: Message[] = [];
  const verifyBy = async (who: string, payload: string, encoded: string | null, purpose: string) => {
    const jws = encoded ? decodeJws(encoded) : undefined;
    for (const signature of jws?.signatures ?? []) {
      const header = decodeHeader(signature);
      const jwk = pkg.keys[who]?.find((k) => k.kid === header.kid && k.purpose === purpose);
      if (jwk && header.party === who && (await verifyDetached(payload, signature, jwk))) return true;
    }
    return false;
  };
  const versionHashes = new Set(pkg.versions.map((v) => sha256Hex(canonicalJson(v))));
  for (const b of pkg.bundles) {
    const signer = b.direction === 'sent' ? pkg.party : b.party;
    const payload = canonicalBundle(b.id, b.objects);
    const signed = (await verifyBy(signer, payload, b.signature, 'node')) && (await verifyBy(signer, payload, b.signature, 'authority'));
    if (signed) findings.push(ledgerMessage('bundleSigned', { id: b.id, party: signer }));
    else problems.push(ledgerMessage('bundleUnsigned', { id: b.id }));
    if (!b.objects.some((o) => versionHashes.has(sha256Hex(o)))) problems.push(ledgerMessage('bundleWithoutVersion', { id: b.id, object: pkg.objectId }));
    if (b.receipt) {
      const receiver = b.direction === 'sent' ? b.party : pkg.party;
      const receipt = JSON.parse(b.receipt) as { bundle_sha256?: string; received?: string };
      if (receipt.bundle_sha256 === payloadHash(payload) && (await verifyBy(receiver, b.receipt, b.receiptSignature, 'node')))
        findings.push(ledgerMessage('receiptSigned', { party: receiver, id: b.id, at: receipt.received ?? '?' }));
      else problems.push(ledgerMessage('receiptUnsigned', { id: b.id }));
    }
  }
  for (const entry of pkg.ledger) {
    const { entryHash: stored, ...fields } = entry;
    if (entryHash(fields) !== stored) problems.push(ledgerMessage('entryHash', { seq: entry.seq }));
  }
  for (const proof of pkg.channelProofs) {
    const entry = pkg.ledger.find((e) => e.seq === proof.entrySeq);
    if (!entry?.channelHead || !proof.checkpoint) continue;
    let head = entry.channelHead;
    for (const step of proof.segment) head = nextChannelHead(head, step.objectId, step.versionUs, step.contentHash);
    const checkpoint = JSON.parse(proof.checkpoint.payload) as Checkpoint;
    const side = checkpoint[proof.checkpoint.direction as 'sent' | 'received'];
    const signedByPeer = await verifyBy(checkpoint.from, proof.checkpoint.payload, proof.checkpoint.signature, 'node');
    if (signedByPeer && side.head === head) findings.push(ledgerMessage('checkpointReached', { party: checkpoint.from, at: checkpoint.at, seq: entry.seq }));
    else problems.push(ledgerMessage('checkpointMissed', { seq: entry.seq }));
  }
  return { ok: problems.length === 0, findings, problems };
}
