import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AccordError, type ErrorDetail } from '../errors/errors.js';
import type { Message } from '../i18n/messages.js';
import { configMessage } from './config.messages.js';
import { isLocale, type Locale } from '../i18n/locale.js';
import { MAX_PAGE } from '../taxii/taxii-query.js';

/** What `accord init` writes to DATA/node.json: the node's identity, fixed for its life. */
export interface NodeIdentity {
  readonly party: string;
  readonly url: string;
  readonly profile: string;
  readonly createdAt: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole configuration of a running node, validated once at start-up and then frozen. */
export interface Config {
  readonly dataDir: string;
  readonly node: NodeIdentity;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly sqlitePath: string;
  readonly logLevel: LogLevel;
  readonly defaultLocale: Locale | undefined;
  readonly limits: {
    /** Largest request body accepted anywhere (bytes); TAXII advertises it as max_content_length. */
    readonly bodyBytes: number;
    /** Largest TAXII envelope (max_content_length): envelopes are parsed whole so a broken one stores nothing. */
    readonly taxiiBytes: number;
    /** Most objects in one TAXII page, whatever `limit` a client asks for (the default page is the smaller of this and 1,000). */
    readonly taxiiPage: number;
    /** Deepest JSON nesting accepted in a request body. */
    readonly jsonDepth: number;
    /** Failed sign-ins allowed per user and address in one window before refusing. */
    readonly signInAttempts: number;
    readonly signInWindowSeconds: number;
  };
  readonly jobs: { readonly enabled: boolean };
  readonly smtpUrl: string | undefined;
  /** Test/drill only: a file holding a millisecond offset added to the system clock. */
  readonly clockOffsetFile: string | undefined;
  /** The highest national restriction this node is accredited to store; undefined: the profile's default. */
  readonly accreditationCeiling: 'unclassified' | 'restricted' | undefined;
}

export interface ConfigInput {
  dataDir: string;
  host?: string | undefined;
  port?: number | string | undefined;
  env?: NodeJS.ProcessEnv;
  jobs?: boolean;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const NODE_FILE = 'node.json';

/** Reads DATA/node.json, reporting what is wrong with it field by field. */
export function readNodeIdentity(dataDir: string): NodeIdentity {
  const file = join(dataDir, NODE_FILE);
  if (!existsSync(file))
    throw new AccordError('invalid-configuration', configMessage('noNode', { file, dir: dataDir }));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AccordError('invalid-configuration', configMessage('notJson', { file }), { cause });
  }
  const problems: ErrorDetail[] = [];
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const field of ['party', 'url', 'profile', 'createdAt'] as const)
    if (typeof record[field] !== 'string' || record[field] === '') problems.push({ path: `${file}#${field}`, message: configMessage('emptyField') });
  if (problems.length) throw invalid(configMessage('invalidFile', { file, count: problems.length }), problems);
  return Object.freeze(record as unknown as NodeIdentity);
}

function invalid(summary: Message, problems: ErrorDetail[]): AccordError {
  return new AccordError('invalid-configuration', summary, { details: problems });
}

function intFrom(value: string | number | undefined, name: string, fallback: number, problems: ErrorDetail[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push({ path: name, message: configMessage('integer', { min, max, value }) });
    return fallback;
  }
  return n;
}

/** Builds the node's configuration from DATA/node.json, flags and the environment; reports every problem at once. */
export function loadConfig(input: ConfigInput): Config {
  const env = input.env ?? process.env;
  const dataDir = resolve(input.dataDir);
  const node = readNodeIdentity(dataDir);
  const problems: ErrorDetail[] = [];

  const logLevel = (env.ACCORD_LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push({ path: 'ACCORD_LOG_LEVEL', message: configMessage('oneOf', { known: LOG_LEVELS.join(', ') }) });
  const locale = env.ACCORD_LOCALE;
  if (locale !== undefined && !isLocale(locale)) problems.push({ path: 'ACCORD_LOCALE', message: configMessage('oneOf', { known: 'zh, ru, en' }) });
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push({ path: 'DATABASE_URL', message: configMessage('postgresUrl') });
  const smtpUrl = env.ACCORD_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push({ path: 'ACCORD_SMTP_URL', message: configMessage('smtpUrl') });
  const ceiling = env.ACCORD_ACCREDITATION_CEILING || undefined;
  // Only lowering is configurable: no setting lets a node store State secrets.
  if (ceiling !== undefined && ceiling !== 'unclassified' && ceiling !== 'restricted') problems.push({ path: 'ACCORD_ACCREDITATION_CEILING', message: configMessage('oneOf', { known: 'unclassified, restricted' }) });

  const config: Config = {
    dataDir,
    node,
    host: input.host ?? env.ACCORD_HOST ?? '127.0.0.1',
    port: intFrom(input.port ?? env.ACCORD_PORT, input.port !== undefined ? '--port' : 'ACCORD_PORT', portFromUrl(node.url), problems, 0, 65535),
    databaseUrl,
    sqlitePath: join(dataDir, 'accord.db'),
    logLevel,
    defaultLocale: locale as Locale | undefined,
    limits: {
      bodyBytes: intFrom(env.ACCORD_MAX_BODY_BYTES, 'ACCORD_MAX_BODY_BYTES', 100 * 1024 * 1024, problems, 1024),
      taxiiBytes: intFrom(env.ACCORD_TAXII_MAX_CONTENT_LENGTH, 'ACCORD_TAXII_MAX_CONTENT_LENGTH', 32 * 1024 * 1024, problems, 1024),
      taxiiPage: intFrom(env.ACCORD_TAXII_MAX_PAGE, 'ACCORD_TAXII_MAX_PAGE', MAX_PAGE, problems, 1, MAX_PAGE),
      jsonDepth: intFrom(env.ACCORD_MAX_JSON_DEPTH, 'ACCORD_MAX_JSON_DEPTH', 64, problems, 4, 1000),
      signInAttempts: intFrom(env.ACCORD_SIGNIN_ATTEMPTS, 'ACCORD_SIGNIN_ATTEMPTS', 5, problems, 1),
      signInWindowSeconds: intFrom(env.ACCORD_SIGNIN_WINDOW_SECONDS, 'ACCORD_SIGNIN_WINDOW_SECONDS', 300, problems, 1),
    },
    jobs: { enabled: input.jobs ?? env.ACCORD_JOBS !== 'off' },
    smtpUrl,
    clockOffsetFile: env.ACCORD_CLOCK_OFFSET_FILE || undefined,
    accreditationCeiling: ceiling as 'unclassified' | 'restricted' | undefined,
  };
  if (problems.length) throw invalid(configMessage('invalidSettings', { count: problems.length }), problems);
  return Object.freeze(config);
}

function portFromUrl(url: string): number {
  try {
    const u = new URL(url);
    if (u.port) return Number(u.port);
  } catch {
    /* node.json validation reports a bad URL elsewhere */
  }
  return 8400;
}
