import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { createInterface } from 'node:readline/promises';
import type { CommandRegistrar } from '../cli/program.js';
import { print, sayer, type CliContext } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { openCommandNode } from '../node/command-node.js';
import type { NodeServices } from '../node/node-services.js';
import { federationMessage } from './federation.messages.js';
import { fingerprintOf, parseCard } from './peer-card.js';

export { help } from './federation.help.js';

/** A federation message in the CLI's language. */
const say = sayer(federationMessage);

/** What confirms a fingerprint, in each language the prompt is asked in. */
const YES = ['yes', 'y', '是', 'да'];

async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openCommandNode(dataDir);
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
    throw new AccordError('bad-request', federationMessage('cardNotJson'));
  }
}

async function confirm(ctx: CliContext, party: string, fingerprint: string): Promise<string> {
  if (!ctx.interactive) throw new AccordError('bad-request', federationMessage('fingerprintNeeded'));
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    ctx.stderr.write(`${say(ctx, 'peerCardLine', { party, fingerprint })}\n`);
    const answer = await rl.question(say(ctx, 'confirmPrompt'));
    if (!YES.includes(answer.trim().toLowerCase())) throw new AccordError('bad-request', federationMessage('fingerprintNeeded'));
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
      // The card takes stdin to its end: the fingerprint question would read nothing.
      if (source === '-' && opts.fingerprint === undefined) throw new AccordError('bad-request', federationMessage('stdinNeedsFingerprint'));
      const card = await parseCard(readCard(source));
      const fingerprint = opts.fingerprint ?? (await confirm(ctx, card.party, fingerprintOf(card)));
      const added = await withNode(opts.data, (s) => s.federation.peers.add(card, fingerprint, 'system'));
      print(ctx, say(ctx, 'peerRegistered', { party: added.party, url: added.url }), { party: added.party, url: added.url, fingerprint: added.fingerprint });
    });

  peer
    .command('list')
    .description('peers with state, lag and last contact')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const peers = await withNode(opts.data, (s) => s.federation.peers.list(ctx.locale));
      const state = (status: string) => (status === 'active' ? say(ctx, 'stateActive') : status === 'revoked' ? say(ctx, 'stateRevoked') : status);
      const rows = peers.map((p) => [p.party, state(p.status), p.url, p.pending, `${p.lagSeconds}s`, p.lastContact ?? say(ctx, 'never'), p.lastError ?? ''].join('\t'));
      print(ctx, peers.length === 0 ? say(ctx, 'noPeers') : [say(ctx, 'peerHeader'), ...rows].join('\n'), peers);
    });

  peer
    .command('revoke')
    .description('revoke a peer: its requests and bundles are refused from now on')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<party>', 'Party code')
    .action(async (party: string, opts: { data: string }) => {
      const ctx = context();
      await withNode(opts.data, (s) => s.federation.peers.revoke(party, 'system'));
      print(ctx, say(ctx, 'peerRevokedDone', { party }), { party, status: 'revoked' });
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
        return { delivered, ...(await s.federation.sync.syncNow(party, 'system', { delivered })) };
      });
      print(ctx, say(ctx, 'syncDone', { party, delivered: result.delivered, checked: result.pulled.checked, missing: result.pulled.missing, verdict: result.checkpoint.verdict }), result);
    });
};

const registerKeyCommands: CommandRegistrar = (program, context) => {
  program
    .command('keys')
    .description('this node’s signing keys')
    .command('rotate')
    .description('replace the node or authority key; the old one stays valid for old records; peers are told')
    .requiredOption('--data <dir>', 'data folder of the node')
    .addOption(new Option('--purpose <purpose>', 'node or authority').choices(['node', 'authority'] as const).default('node'))
    .action(async (opts: { data: string; purpose: 'node' | 'authority' }) => {
      const ctx = context();
      const result = await withNode(opts.data, async (s) => {
        const rotated = await s.federation.rotation.rotate(opts.purpose, 'system');
        const announced = (await s.federation.rotation.announceAll()).map((a) => ({ ...a, reason: a.reason?.text(ctx.locale) }));
        return { ...rotated, announced };
      });
      const lines = result.announced.map((a) => (a.ok ? say(ctx, 'keyTold', { party: a.party }) : say(ctx, 'keyNotTold', { party: a.party, reason: a.reason ?? '' })));
      print(ctx, [say(ctx, 'keyRotated', { purpose: federationMessage(opts.purpose === 'node' ? 'purposeNode' : 'purposeAuthority'), kid: result.kid }), ...lines].join('\n'), result);
    });
};
