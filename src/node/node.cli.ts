import { parseAudience } from '../protection/audience.js';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { CommandRegistrar } from '../cli/program.js';
import { print, sayer, type CliContext } from '../cli/cli-context.js';
import { loadConfig } from '../config/config.js';
import { AccordError } from '../errors/errors.js';
import { addToSummary, emptySummary } from '../ingest/ingest.service.js';
import { ingestMessage } from '../ingest/ingest.messages.js';
import { issueView, refusalLine } from '../ingest/outcome-text.js';
import { openCommandNode } from './command-node.js';
import type { Audience } from '../protection/release-policy.js';
import type { NodeServices } from './node-services.js';
import { progressBar } from '../cli/progress.js';
import { nodeMessage } from './node.messages.js';
import { exportFilter, listOption } from '../objects/export-filter.js';
import { objectsMessage } from '../objects/objects.messages.js';
import { feedMessage } from '../ingest/taxii-feed.messages.js';
import type { FeedCredentials } from '../ingest/taxii-feed.js';
import type { ImportSource } from '../ingest/import-source.js';
import { parseTimestampMicros } from '../clock/timestamp.js';
import { roles } from '../auth/roles.js';
import { MAX_TOKEN_DAYS } from '../auth/auth.schema.js';
import { wholeNumber } from '../exchange/workflow-cli.js';
import { locales } from '../i18n/locale.js';

export { help } from './node.help.js';

// The node's set-up, runtime, server, demo and import reader are imported by the commands that use
// them, so that a command which opens no node does not evaluate them (see command-node.ts).

/** A node message in the CLI's language. */
const say = sayer(nodeMessage);

async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openCommandNode(dataDir);
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

/** Opens an output file before anything is written, so a path that cannot be written fails the command. */
async function openOut(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { mode: 0o600 });
  await once(stream, 'open');
  return stream;
}

async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const stream = path === '-' ? process.stdin : createReadStream(path);
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
}

/** Imports one source (a file or a TAXII collection) with per-object output, a TTY progress bar and a summary; returns how many were refused. */
async function importSource(ctx: CliContext, services: NodeServices, label: string, source: ImportSource, collection: string, jsonExtra = (): Record<string, unknown> => ({})): Promise<number> {
  const summary = emptySummary();
  const bar = ctx.interactive && !ctx.json ? progressBar(ctx, label) : undefined;
  for await (const batch of services.objects.import('system', source.elements, collection, label)) {
    addToSummary(summary, batch);
    bar?.update(summary.total);
    for (const o of batch) {
      if (ctx.json) ctx.stdout.write(`${JSON.stringify({ index: o.index, id: o.id, version: o.version, status: o.status, reason: o.reason?.text(ctx.locale), issues: o.issues?.map((i) => issueView(i, ctx.locale)) })}\n`);
      else if (o.status === 'rejected') ctx.stderr.write(`  ${ingestMessage('refused', { index: o.index, id: o.id ?? '?', reason: refusalLine(o, ctx.locale, 3) }).text(ctx.locale)}\n`);
    }
  }
  bar?.stop();
  for (const u of source.unmapped) ctx.stderr.write(`${say(ctx, 'unmapped', { path: u.path, reason: u.reason })}\n`);
  const line = `${label}: ${ingestMessage('summary', { ...summary }).text(ctx.locale)}${source.format !== 'stix' ? ` (${source.format})` : ''}`;
  if (ctx.json) ctx.stdout.write(`${JSON.stringify({ file: label, format: source.format, summary, unmapped: source.unmapped, ...jsonExtra() })}\n`);
  else ctx.stdout.write(`${line}\n`);
  return summary.rejected;
}

async function importFile(ctx: CliContext, services: NodeServices, file: string, collection: string): Promise<number> {
  const { openImport } = await import('../ingest/import-source.js');
  return importSource(ctx, services, file, await openImport(fileChunks(file), services.converters), collection);
}

/** The credentials for a TAXII server, from the environment only: a command line is visible to every user of the machine. */
function feedCredentials(): FeedCredentials {
  const { ACCORD_TAXII_TOKEN: token, ACCORD_TAXII_USER: user, ACCORD_TAXII_PASSWORD: password } = process.env;
  if (token) return { token };
  return user && password ? { user, password } : undefined;
}

/** Pulls a TAXII 2.1 collection into the store and says where the next pull of it can start. */
async function importCollection(ctx: CliContext, services: NodeServices, url: string, collection: string, addedAfter: string | undefined): Promise<number> {
  const { taxiiFeed } = await import('../ingest/taxii-feed.js');
  const feed = taxiiFeed({ url, credentials: feedCredentials(), addedAfter });
  const rejected = await importSource(ctx, services, url, { format: 'taxii', elements: feed.elements, unmapped: [] }, collection, () => ({ lastAdded: feed.lastAdded() ?? null }));
  const last = feed.lastAdded();
  if (last && !ctx.json) ctx.stderr.write(`${feedMessage('nextTime', { time: last }).text(ctx.locale)}\n`);
  return rejected;
}

const isUrl = (item: string): boolean => /^https?:\/\//i.test(item);

/** `accord export`'s options as commander hands them over: the filters still as typed. */
interface ExportOptions {
  data: string;
  for?: string;
  format: string;
  type?: string;
  tlp?: string;
  origin?: string;
  search?: string;
  createdBy?: string;
  addedAfter?: string;
  out?: string;
}

export const registerCommands: CommandRegistrar = (program, context) => {
  program
    .command('init')
    .description('create a node: data folder, keys, database and the admin user')
    .requiredOption('--data <dir>', 'data folder of the node')
    .requiredOption('--party <code>', 'the Party this node serves, as coded in the agreement profile (e.g. CN)')
    .requiredOption('--url <url>', 'the public URL peers and users reach this node at')
    .option('--profile <id>', 'agreement profile', 'cn-ru-2015')
    .action(async (opts: { data: string; party: string; url: string; profile: string }) => {
      const ctx = context();
      const { initNode } = await import('./node-init.js');
      const result = await initNode({
        dataDir: opts.data, party: opts.party, url: opts.url, profile: opts.profile,
        adminPassword: process.env.ACCORD_ADMIN_PASSWORD, databaseUrl: process.env.DATABASE_URL,
      });
      print(ctx, [
        say(ctx, 'created', { dir: result.dataDir, party: result.party, url: result.url }),
        say(ctx, 'adminUser'),
        result.generatedPassword ? say(ctx, 'adminPassword', { password: result.generatedPassword }) : say(ctx, 'adminPasswordFromEnv'),
      ].join('\n'), { dataDir: result.dataDir, party: result.party, url: result.url, admin: 'admin', password: result.generatedPassword });
    });

  program
    .command('serve')
    .description('run the node: HTTP (web UI, API, TAXII) and background jobs')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or ACCORD_HOST)')
    .option('--port <port>', 'port to listen on (default: the port of the node URL, or ACCORD_PORT)')
    .option('--no-jobs', 'serve HTTP only; run background jobs in another process')
    .action(async (opts: { data: string; host?: string; port?: string; jobs: boolean }) => {
      const config = loadConfig({ dataDir: opts.data, host: opts.host, port: opts.port, jobs: opts.jobs });
      const [{ openNode }, { startNodeServer }] = await Promise.all([import('./node-runtime.js'), import('./node-server.js')]);
      const services = await openNode(config);
      const node = await startNodeServer(services, { host: config.host, port: config.port });
      const ctx = context();
      ctx.stderr.write(`accord: ${say(ctx, 'listening', { party: config.node.party, url: node.url })}\n`);
      await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
      await node.close();
    });

  program
    .command('import')
    .description('import STIX bundles or MISP events (recognised by content; "-" reads stdin) into the working store')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--collection <alias>', 'collection to import into', 'intel')
    .option('--added-after <time>', 'with a TAXII collection: only what its server added after this time (RFC 3339)')
    .argument('<files...>', 'files to import, or the URL of a TAXII 2.1 collection to pull (credentials from ACCORD_TAXII_USER and ACCORD_TAXII_PASSWORD, or ACCORD_TAXII_TOKEN)')
    .action(async (files: string[], opts: { data: string; collection: string; addedAfter?: string }) => {
      const ctx = context();
      if (opts.addedAfter !== undefined) {
        if (!files.every(isUrl)) throw new AccordError('bad-request', feedMessage('addedAfterFiles'));
        if (parseTimestampMicros(opts.addedAfter) === undefined) throw new AccordError('bad-request', objectsMessage('filter.added-after', { value: opts.addedAfter }));
      }
      const rejected = await withNode(opts.data, async (services) => {
        let total = 0;
        for (const item of files) {
          total += isUrl(item) ? await importCollection(ctx, services, item, opts.collection, opts.addedAfter) : await importFile(ctx, services, item, opts.collection);
        }
        return total;
      });
      if (rejected > 0) process.exitCode = 3;
    });

  program
    .command('export')
    .description('export a STIX 2.1 bundle of what may go to an audience')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--for <audience>', 'a Party code of the agreement, "third-party:NAME" or "public"; default: everything this node holds')
    .option('--format <format>', 'stix or misp', 'stix')
    .option('--type <types>', 'only objects of these STIX types, comma-separated (indicator,malware)')
    .option('--tlp <levels>', 'only objects at these TLP levels, comma-separated (clear,green)')
    .option('--origin <origin>', '"local" for this node\'s own objects, or the code of the Party that sent them')
    .option('--search <text>', 'only objects whose name or description holds this text')
    .option('--created-by <identity>', 'only objects created by this identity (identity--UUID)')
    .option('--added-after <time>', 'only versions this node stored after this time (RFC 3339), to take again what changed since an earlier export')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: ExportOptions) => {
      const ctx = context();
      if (opts.format !== 'stix' && opts.format !== 'misp') throw new AccordError('bad-request', nodeMessage('unknownFormat', { format: opts.format }));
      await withNode(opts.data, async (services) => {
        const audience: Audience = opts.for ? parseAudience(opts.for, services.profile) : { kind: 'user', name: 'cli', role: 'admin', authorityRef: null };
        const filter = exportFilter({
          text: opts.search, types: listOption(opts.type), tlp: listOption(opts.tlp), origin: opts.origin, createdBy: opts.createdBy, addedAfter: opts.addedAfter,
        }, services.profile);
        const file = opts.out ? await openOut(opts.out) : undefined;
        const out = file ?? ctx.stdout;
        if (opts.format === 'misp') {
          const { event, unmapped } = await services.objects.exportMisp(audience, 'system', filter);
          out.write(`${JSON.stringify(event, null, 2)}\n`);
          for (const u of unmapped as Array<{ id: string; reason: string }>) ctx.stderr.write(`${say(ctx, 'notInMisp', { id: u.id, reason: u.reason })}\n`);
        } else {
          for await (const piece of services.objects.exportBundle(audience, 'system', `bundle--${randomUUID()}`, filter)) {
            if (!out.write(piece)) await once(out, 'drain');
          }
        }
        if (file) await new Promise<void>((resolve, reject) => file.on('error', reject).end(resolve));
      });
    });

  program
    .command('demo')
    .description('run the two-Party demo federation (China node :8401, Russia node :8402), peered and seeded')
    .option('--data <dir>', 'where the demo nodes keep their data', 'demo-data')
    .action(async (opts: { data: string }) => {
      const { runDemo } = await import('./demo.js');
      const demo = await runDemo(opts.data, context().stdout);
      await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
      await demo.close();
    });

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create an API token for a user; prints the token alone on stdout')
    .requiredOption('--data <dir>', 'data folder of the node')
    .requiredOption('--user <name>', 'user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--expires-days <days>', 'expire after this many days')
    .action(async (opts: { data: string; user: string; name: string; expiresDays?: string }) => {
      const ctx = context();
      const days = opts.expiresDays === undefined ? undefined : wholeNumber(opts.expiresDays, 1, MAX_TOKEN_DAYS, () => new AccordError('bad-request', nodeMessage('expiresDays', { max: MAX_TOKEN_DAYS })));
      const { token: secret } = await withNode(opts.data, (services) => services.auth.createToken(opts.user, opts.name, 'system', days));
      ctx.stdout.write(`${secret}\n`);
    });

  const user = program.command('user').description('users of this node');
  user
    .command('add')
    .description('create a user (password from ACCORD_USER_PASSWORD, else the user signs in with tokens only)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .requiredOption('--name <name>', 'sign-in name')
    .addOption(new Option('--role <role>', 'admin, liaison, analyst or reader').choices(roles).makeOptionMandatory())
    .option('--display-name <text>', 'full name')
    // A misspelt locale would otherwise be stored, and the user's interface would fall back silently.
    .addOption(new Option('--locale <locale>', 'zh, ru or en').choices(locales))
    .action(async (opts: { data: string; name: string; role: string; displayName?: string; locale?: string }) => {
      const ctx = context();
      const created = await withNode(opts.data, (services) =>
        services.auth.createUser({ name: opts.name, role: opts.role, displayName: opts.displayName, password: process.env.ACCORD_USER_PASSWORD, locale: opts.locale ?? null }, 'system'),
      );
      print(ctx, say(ctx, 'userCreated', { name: created.name, role: created.role }), created);
    });
  user
    .command('list')
    .description('the users, with role and state')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const users = await withNode(opts.data, (services) => services.auth.listUsers());
      const rows = users.map((u) => [u.name, u.role, say(ctx, u.disabled ? 'disabled' : 'active'), u.displayName].join('\t'));
      print(ctx, [say(ctx, 'userHeader'), ...rows].join('\n'), users);
    });
};
