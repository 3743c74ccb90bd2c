import { createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import { keysMessage } from './keys.messages.js';
import { newEd25519KeyPair } from './new-key-pair.js';
import type { KeyPurpose } from '../federation/federation.tables.js';

/** A key this node signs with: the private half from disk, the public half as a JWK. */
export interface SigningKey {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly authorityRef: string | null;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

export interface PublicKeyInfo {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly authorityRef: string | null;
  readonly jwk: JWK;
  readonly created: string;
  readonly retired: string | null;
}

const keysDir = (dataDir: string) => join(dataDir, 'keys');

/**
 * This node's Ed25519 keys: the node key (authenticates the node to peers, signs bundles,
 * receipts and checkpoints) and a signing key per local authority. Private keys live in
 * DATA/keys, mode 0600, never in the database; retired keys stay listed so old records verify.
 */
export class KeyRing {
  private readonly cache = new Map<string, SigningKey>();

  constructor(private readonly database: Database, private readonly dataDir: string, private readonly clock: Clock) {}

  /** Creates a new key of the purpose; the previous active one of that purpose (and authority) is retired. */
  async generate(purpose: KeyPurpose, authorityRef: string | null, db: Executor = this.database.db): Promise<SigningKey> {
    const { privateKey, publicKey } = newEd25519KeyPair();
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const dir = keysDir(this.dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const file = join(dir, `${kid}.pem`);
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(file, 0o600);
    const now = this.clock.nowMicros();
    let retire = db.updateTable('nodeKey').set({ retiredUs: now }).where('purpose', '=', purpose).where('retiredUs', 'is', null);
    retire = authorityRef === null ? retire.where('authorityRef', 'is', null) : retire.where('authorityRef', '=', authorityRef);
    await retire.execute();
    await db.insertInto('nodeKey').values({ kid, purpose, authorityRef, publicJwk: JSON.stringify({ ...publicJwk, kid }), createdUs: now, retiredUs: null }).execute();
    const key: SigningKey = { kid, purpose, authorityRef, privateKey, publicJwk: { ...publicJwk, kid } };
    this.cache.set(kid, key);
    return key;
  }

  /** The active key of a purpose (for authorities: of that authority, or the first one). */
  async active(purpose: KeyPurpose, authorityRef?: string): Promise<SigningKey> {
    let query = this.database.db.selectFrom('nodeKey').selectAll().where('purpose', '=', purpose).where('retiredUs', 'is', null);
    if (authorityRef) query = query.where('authorityRef', '=', authorityRef);
    const row = await query.orderBy('createdUs', 'desc').executeTakeFirst();
    if (!row) throw new AccordError('invalid-configuration', keysMessage('noActiveKey', { purpose }));
    const cached = this.cache.get(row.kid);
    if (cached) return cached;
    const file = join(keysDir(this.dataDir), `${row.kid}.pem`);
    if (!existsSync(file)) throw new AccordError('invalid-configuration', keysMessage('missingPrivateKey', { kid: row.kid, dir: keysDir(this.dataDir) }));
    const key: SigningKey = {
      kid: row.kid, purpose: row.purpose, authorityRef: row.authorityRef,
      privateKey: createPrivateKey(readFileSync(file)), publicJwk: JSON.parse(row.publicJwk) as JWK,
    };
    this.cache.set(row.kid, key);
    return key;
  }

  /** Every public key this node has had, active and retired, for peer cards and verification. */
  async publicKeys(): Promise<PublicKeyInfo[]> {
    const rows = await this.database.db.selectFrom('nodeKey').selectAll().orderBy('createdUs').execute();
    return rows.map((r) => ({
      kid: r.kid, purpose: r.purpose, authorityRef: r.authorityRef, jwk: JSON.parse(r.publicJwk) as JWK,
      created: new Date(r.createdUs / 1000).toISOString(), retired: r.retiredUs === null ? null : new Date(r.retiredUs / 1000).toISOString(),
    }));
  }
}
