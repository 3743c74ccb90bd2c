import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { CommandRegistrar } from '../cli/program.js';
import { print, type CliContext } from '../cli/cli-context.js';
import { loadConfig } from '../config/config.js';
import { AccordError } from '../errors/errors.js';
import { openNode } from '../node/node-runtime.js';
import type { NodeServices } from '../node/node-services.js';
import { federationMessage } from './federation.messages.js';
import { fingerprintOf, parseCard } from './peer-card.js';

async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openNode(loadConfig({ dataDir, jobs: false }));
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

function readCard(source: string): unknown {
  const text = source.trim().startsWith('{') ? source : readFileSync(source === '-' ? 0 : source, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new AccordError('bad-request', federationMessage('badCard', { reason: 'not JSON' }));
  }
}

async function confirm(ctx: CliContext, party: string, fingerprint: string): Promise<string> {
  if (!ctx.interactive) throw new AccordError('bad-request', federationMessage('fingerprintNeeded'));
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    ctx.stderr.write(`Peer ${party}\nFingerprint: ${fingerprint}\n`);
    const answer = await rl.question('Is this the fingerprint the other Party confirmed out of band? Type "yes" to register: ');
    if (answer.trim().toLowerCase() !== 'yes') throw new AccordError('bad-request', federationMessage('fingerprintNeeded'));
    return fingerprint;
  } finally {
    rl.close();
  }
}

export const registerCommands: CommandRegistrar = (program, context) => {
  registerKeyCommands(program, context);
  const peer = program.command('peer').description('peering with other Parties’ nodes');

  peer
    .command('card')
    .description('print this node’s peer card (JSON, with its fingerprint)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const card = await withNode(opts.data, (s) => s.federation.peers.card());
      ctx.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
    });

  peer
    .command('add')
    .description('register a peer from its card (a file, "-" for stdin, or the JSON itself)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--fingerprint <fp>', 'the fingerprint confirmed out of band; without it you are asked')
    .argument('<card>', 'the peer card')
    .action(async (source: string, opts: { data: string; fingerprint?: string }) => {
      const ctx = context();
      const card = parseCard(readCard(source));
      const fingerprint = opts.fingerprint ?? (await confirm(ctx, card.party, fingerprintOf(card)));
      const added = await withNode(opts.data, (s) => s.federation.peers.add(card, fingerprint, 'system'));
      print(ctx, `peer ${added.party} registered (${added.url})`, { party: added.party, url: added.url, fingerprint: added.fingerprint });
    });

  peer
    .command('list')
    .description('peers with state, lag and last contact')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const peers = await withNode(opts.data, (s) => s.federation.peers.list());
      print(
        ctx,
        peers.length === 0
          ? 'no peers'
          : peers.map((p) => `${p.party}\t${p.status}\t${p.url}\tpending ${p.pending}\tlag ${p.lagSeconds}s\tlast contact ${p.lastContact ?? 'never'}${p.lastError ? `\t${p.lastError}` : ''}`).join('\n'),
        peers,
      );
    });

  peer
    .command('revoke')
    .description('revoke a peer: its requests and bundles are refused from now on')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<party>', 'Party code')
    .action(async (party: string, opts: { data: string }) => {
      const ctx = context();
      await withNode(opts.data, (s) => s.federation.peers.revoke(party, 'system'));
      print(ctx, `peer ${party} revoked`, { party, status: 'revoked' });
    });

  peer
    .command('sync')
    .description('deliver what waits, pull-reconcile and exchange a signed checkpoint with a peer now')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<party>', 'Party code')
    .action(async (party: string, opts: { data: string }) => {
      const ctx = context();
      const result = await withNode(opts.data, async (s) => {
        s.federation.service.deliveryEnabled = true;
        let delivered = 0;
        while ((await s.federation.delivery.deliverOnce(party)) === 'sent') delivered++;
        const pulled = await s.federation.sync.pull(party);
        const checkpoint = await s.federation.sync.exchangeCheckpoint(party);
        return { delivered, pulled, checkpoint };
      });
      print(ctx, `${party}: ${result.delivered} bundles delivered; pull checked ${result.pulled.checked}, missing ${result.pulled.missing}; checkpoint ${result.checkpoint.verdict}`, result);
    });
};

const registerKeyCommands: CommandRegistrar = (program, context) => {
  program
    .command('keys')
    .description('this node’s signing keys')
    .command('rotate')
    .description('replace the node or authority key; the old one stays valid for old records; peers are told')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--purpose <purpose>', 'node or authority', 'node')
    .action(async (opts: { data: string; purpose: string }) => {
      const ctx = context();
      if (opts.purpose !== 'node' && opts.purpose !== 'authority') throw new AccordError('bad-request', '--purpose must be node or authority');
      const result = await withNode(opts.data, async (s) => {
        const rotated = await s.federation.rotation.rotate(opts.purpose as 'node' | 'authority', 'system');
        return { ...rotated, announced: await s.federation.rotation.announceAll() };
      });
      print(ctx, [`new ${opts.purpose} key ${result.kid}`, ...result.announced.map((a) => `  ${a.party}: ${a.ok ? 'told' : `not reached (${a.reason ?? ''}); the running node retries`}`)].join('\n'), result);
    });
};
