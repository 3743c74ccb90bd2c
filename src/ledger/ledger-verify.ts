import type { JWK } from 'jose';
import type { Database, Executor } from '../db/database.js';
import { bundleObjects } from '../federation/bundles.repository.js';
import { canonicalBundle, decodeHeader, decodeJws, payloadHash, verifyDetached } from '../federation/signing.js';
import { sha256Hex } from '../objects/object-row.js';
import { channelGenesis, entryHash, genesisHash, nextChannelHead } from './ledger-hash.js';
import type { Locale } from '../i18n/locale.js';
import type { Message } from '../i18n/messages.js';
import { ledgerRange } from './ledger.repository.js';
import { directed, ledgerMessage } from './ledger.messages.js';
import { objectIdIs } from '../objects/object-id-key.js';

export interface VerifyProblem {
  readonly where: Message;
  readonly problem: Message;
}

export interface VerifyReport {
  readonly entries: number;
  readonly bundles: number;
  readonly objects: number;
  readonly ok: boolean;
  readonly problems: VerifyProblem[];
}

/** The report as a person reads it: places and problems in their language, with stable codes. */
export function verifyReportView(report: VerifyReport, locale: Locale) {
  const verdict = report.ok ? ledgerMessage('verified') : ledgerMessage('problemCount', { count: report.problems.length });
  return {
    ...report,
    summary: ledgerMessage('summary', { entries: report.entries, objects: report.objects, bundles: report.bundles, verdict: verdict.text(locale) }).text(locale),
    problems: report.problems.map((p) => ({ code: p.problem.key, where: p.where.text(locale), problem: p.problem.text(locale) })),
  };
}

type KeyLookup = (party: string, kid: string | undefined, purpose: string) => JWK | undefined;

/**
 * Recomputes the ledger chain and every channel chain, checks each ledgered object version
 * against the store, and verifies every bundle's and receipt's signatures: tampering with a
 * stored ledger row, a stored object or a receipt shows up as a named problem.
 */
export async function verifyLedger(database: Database, party: string): Promise<VerifyReport> {
  // One snapshot: deliveries that commit while we read must not look like tampering.
  return database.db.transaction().setIsolationLevel(database.dialect === 'postgres' ? 'repeatable read' : 'serializable').setAccessMode('read only').execute((trx) => verifyIn(trx, party));
}

async function verifyIn(db: Executor, party: string): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const ownKeys = await db.selectFrom('nodeKey').select(['kid', 'purpose', 'publicJwk']).execute();
  const peerKeys = await db.selectFrom('peerKey').select(['kid', 'party', 'purpose', 'publicJwk']).execute();
  const keyOf: KeyLookup = (who, kid, purpose) => {
    const row = who === party ? ownKeys.find((k) => k.kid === kid && k.purpose === purpose) : peerKeys.find((k) => k.party === who && k.kid === kid && k.purpose === purpose);
    return row ? (JSON.parse(row.publicJwk) as JWK) : undefined;
  };
  const verifyBy = async (who: string, payload: string, encoded: string | null, purpose: string): Promise<boolean> => {
    const jws = encoded ? decodeJws(encoded) : undefined;
    if (!jws) return false;
    for (const signature of jws.signatures) {
      const header = decodeHeader(signature);
      const jwk = header.party === who ? keyOf(who, header.kid, purpose) : undefined;
      if (jwk && header.purpose === purpose && (await verifyDetached(payload, signature, jwk))) return true;
    }
    return false;
  };

  // 1. The chain of entries and the chains of each channel.
  let prev = genesisHash(party);
  let expectedSeq = 1;
  let count = 0;
  const channels = new Map<string, { count: number; head: string }>();
  const objectEntries: Array<{ seq: number; objectId: string; versionUs: number; contentHash: string }> = [];
  for (let from = 1; ; ) {
    const rows = await ledgerRange(db, from, 5000);
    for (const row of rows) {
      count++;
      const where = ledgerMessage('atEntry', { seq: row.seq });
      if (row.seq !== expectedSeq) problems.push({ where, problem: ledgerMessage('sequenceGap', { expected: expectedSeq }) });
      expectedSeq = row.seq + 1;
      if (row.prevHash !== prev) problems.push({ where, problem: ledgerMessage('previousHash') });
      const { entryHash: stored, ...fields } = row;
      if (entryHash(fields) !== stored) problems.push({ where, problem: ledgerMessage('entryAltered') });
      prev = stored;
      if ((row.kind === 'sent' || row.kind === 'received') && row.objectId && row.versionUs !== null) {
        const key = `${row.party}|${row.kind}`;
        const channel = channels.get(key) ?? { count: 0, head: row.kind === 'sent' ? channelGenesis(party, row.party) : channelGenesis(row.party, party) };
        channel.count++;
        channel.head = nextChannelHead(channel.head, row.objectId, row.versionUs, row.contentHash);
        channels.set(key, channel);
        if (row.channelIndex !== channel.count || row.channelHead !== channel.head) {
          problems.push({ where, problem: directed('channelBroken', row.kind, { party: row.party, index: channel.count }) });
          // Goes on from the stored link, as the entry chain does: one altered entry is one problem,
          // not one for every later entry of the channel (16,000 lines for a busy channel).
          if (row.channelIndex !== null && row.channelHead !== null) Object.assign(channel, { count: row.channelIndex, head: row.channelHead });
        }
        objectEntries.push({ seq: row.seq, objectId: row.objectId, versionUs: row.versionUs, contentHash: row.contentHash });
      }
    }
    if (rows.length < 5000) break;
    from = (rows.at(-1)?.seq ?? from) + 1;
  }
  const head = await db.selectFrom('ledgerHead').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== count || head.entryHash !== prev)) problems.push({ where: ledgerMessage('atHead'), problem: ledgerMessage('headMismatch', { head: head.seq, count }) });
  for (const stored of await db.selectFrom('channelHead').selectAll().execute()) {
    const computed = channels.get(`${stored.party}|${stored.direction}`);
    if (!computed || computed.count !== stored.count || computed.head !== stored.head)
      problems.push({ where: directed('atChannel', stored.direction, { party: stored.party }), problem: ledgerMessage('channelHeadMismatch', { stored: stored.count, computed: computed?.count ?? 0 }) });
  }

  // 2. Every ledgered version is in the store, unaltered.
  for (const entry of objectEntries) {
    const object = await db.selectFrom('stixObject').select(['hash', 'body']).where(objectIdIs('stixObject', entry.objectId)).where('versionUs', '=', entry.versionUs).executeTakeFirst();
    const where = ledgerMessage('atEntryObject', { seq: entry.seq, id: entry.objectId });
    if (!object) problems.push({ where, problem: ledgerMessage('objectMissing') });
    else if (object.hash !== entry.contentHash || sha256Hex(object.body) !== entry.contentHash) problems.push({ where, problem: ledgerMessage('objectAltered') });
  }

  // 3. Every bundle's signatures and every receipt's signature.
  const bundles = await db.selectFrom('bundle').selectAll().execute();
  for (const bundle of bundles) {
    const where = directed('atBundle', bundle.direction, { id: bundle.id });
    const objects = await bundleObjects(db, bundle.id);
    const stored = objects.filter((o) => o.body !== null);
    const signer = bundle.direction === 'sent' ? party : bundle.party;
    if (stored.length === objects.length) {
      const payload = canonicalBundle(bundle.id, stored.map((o) => o.body ?? ''));
      if (payloadHash(payload) !== bundle.sha256) problems.push({ where, problem: ledgerMessage('bundleAltered') });
      else if (!(await verifyBy(signer, payload, bundle.signature, 'node')) || !(await verifyBy(signer, payload, bundle.signature, 'authority')))
        problems.push({ where, problem: ledgerMessage('bundleSignature') });
    }
    if (bundle.receipt !== null) {
      const receipt = JSON.parse(bundle.receipt) as { bundle_sha256?: string };
      const receiptSigner = bundle.direction === 'sent' ? bundle.party : party;
      if (receipt.bundle_sha256 !== bundle.sha256) problems.push({ where, problem: ledgerMessage('receiptOther') });
      if (!(await verifyBy(receiptSigner, bundle.receipt, bundle.receiptSignature, 'node'))) problems.push({ where, problem: ledgerMessage('receiptSignature') });
    }
  }
  return { entries: count, bundles: bundles.length, objects: objectEntries.length, ok: problems.length === 0, problems };
}
