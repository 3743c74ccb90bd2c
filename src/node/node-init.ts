import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword, generatePassword } from '../auth/password.js';
import { insertUser } from '../auth/users.repository.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AccordError } from '../errors/errors.js';
import { nodeMessage } from './node.messages.js';
import { loadConfig, NODE_FILE, type NodeIdentity } from '../config/config.js';
import { ensureLocalAuthority } from '../federation/local-authority.js';
import { openNode } from './node-runtime.js';
import { loadProfile } from '../profile/profile.loader.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { pinoDriver } from './pino-driver.js';

export interface InitOptions {
  dataDir: string;
  party: string;
  url: string;
  profile: string;
  adminPassword?: string | undefined;
  databaseUrl?: string | undefined;
  clock?: Clock;
}

export interface InitResult {
  dataDir: string;
  party: string;
  url: string;
  generatedPassword: string | undefined;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AccordError('bad-request', nodeMessage('badUrl', { url }));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new AccordError('bad-request', nodeMessage('badScheme', { scheme: parsed.protocol }));
}

/** Creates a node's data folder, identity file, database and admin user. Refuses to overwrite a node. */
export async function initNode(options: InitOptions): Promise<InitResult> {
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(options.dataDir);
  checkUrl(options.url);
  if (!/^[A-Z]{2,3}$/.test(options.party))
    throw new AccordError('bad-request', nodeMessage('badParty', { party: options.party }));
  if (existsSync(join(dataDir, NODE_FILE)))
    throw new AccordError('conflict', nodeMessage('alreadyNode', { dir: dataDir }));
  const profile = loadProfile(options.profile);
  if (!profile.parties.some((p) => p.code === options.party))
    throw new AccordError('bad-request', nodeMessage('notAParty', { party: options.party, profile: profile.id, parties: profile.parties.map((p) => p.code).join(', ') }));
  if (options.adminPassword !== undefined && options.adminPassword.length < 12)
    throw new AccordError('bad-request', nodeMessage('shortPassword'));

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const identity: NodeIdentity = {
    party: options.party,
    url: options.url.replace(/\/+$/, ''),
    profile: options.profile,
    createdAt: clock.now().toISOString(),
  };

  const database = openDatabase({ databaseUrl: options.databaseUrl, sqlitePath: join(dataDir, 'accord.db') });
  const generatedPassword = options.adminPassword ? undefined : generatePassword();
  try {
    await migrateToLatest(database);
    const now = clock.nowMicros();
    const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword ?? '');
    // No user exists yet to act: the node itself creates the first admin, and says so in the log.
    await database.db.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id: randomUUID(),
        name: 'admin',
        displayName: 'Administrator',
        role: 'admin',
        authorityRef: null,
        locale: null,
        passwordHash,
        disabled: 0,
        createdUs: now,
        updatedUs: now,
      });
      await new AuditService(database, clock).record({ actor: 'system', action: 'user.create', targetType: 'user', targetId: 'admin', detail: { role: 'admin', via: 'init' } }, trx);
    });
  } finally {
    await database.close();
  }
  writeFileSync(join(dataDir, NODE_FILE), `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  // The node's keys and authority identity need the full services (store, ingest, collections).
  const services = await openNode(loadConfig({ dataDir, env: { ...process.env, DATABASE_URL: options.databaseUrl ?? '' }, jobs: false }), { clock, logger: pinoDriver()({ level: 'silent' }) });
  try {
    await ensureLocalAuthority(services);
  } finally {
    await services.database.close();
  }
  return { dataDir, party: identity.party, url: identity.url, generatedPassword };
}
