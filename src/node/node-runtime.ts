import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { offsetClock, systemClock, type Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AccordError } from '../errors/errors.js';
import { nodeMessage } from './node.messages.js';
import type { Locale } from '../i18n/locale.js';
import { loadProfile } from '../profile/profile.loader.js';
import { createServices, type NodeServices } from './node-services.js';
import { pinoDriver } from './pino-driver.js';

/** The node's clock: the system clock, or one shifted by the offset in a file (drills and tests). */
export function nodeClock(config: Config): Clock {
  const file = config.clockOffsetFile;
  if (!file) return systemClock;
  return offsetClock(() => {
    try {
      const offset = Number(readFileSync(file, 'utf8').trim());
      return Number.isFinite(offset) ? offset : 0;
    } catch {
      return 0;
    }
  });
}

/**
 * The node's structured log: on standard output for `accord serve`; on standard error for every
 * other command, whose standard output is its result (a peer card, a bundle) and must stay whole.
 */
export function nodeLogger(config: Config, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  const pino = pinoDriver();
  return pino(
    {
      level: config.logLevel,
      base: { party: config.node.party },
      redact: { paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'privateKey', '*.privateKey'], censor: '[secret]' },
    },
    pino.destination({ fd: to === 'stdout' ? 1 : 2, sync: true }),
  );
}

/** Opens a node's store and wires its services; the caller closes `database` when done. */
export async function openNode(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): Promise<NodeServices> {
  const profile = loadProfile(config.node.profile);
  if (!profile.parties.some((p) => p.code === config.node.party))
    throw new AccordError('invalid-configuration', nodeMessage('partyNotInProfile', { party: config.node.party, profile: profile.id }));
  const logger = overrides.logger ?? nodeLogger(config);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    backgroundCheckpoint: { onError: (message) => logger.warn({ reason: message }, 'background WAL checkpoints keep failing') },
  });
  try {
    await migrateToLatest(database);
    const services = createServices({ config, profile, database, clock: overrides.clock ?? nodeClock(config), logger });
    await services.collections.ensureDefaults(profile.parties.map((p) => p.code).filter((code) => code !== config.node.party));
    // What peers sent while a handler was not running (a crash between storing and handling).
    await services.exchange.catchUp();
    // Search text a process stopped before writing (PostgreSQL writes it after each batch).
    await services.ingest.recoverIndex();
    await services.ledger.ensureGenesis();
    return services;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The language a node speaks to users who have not chosen one. */
export function nodeLocale(services: NodeServices): Locale {
  return services.config.defaultLocale ?? services.profile.parties.find((p) => p.code === services.config.node.party)?.defaultLocale ?? 'en';
}
