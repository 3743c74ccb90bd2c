import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { openCommandNode } from '../node/command-node.js';
import type { NodeServices } from '../node/node-services.js';
import { verifyEvidence, type EvidencePackage } from './evidence.js';
import { checksOf, evidenceRecorded, verifyRecorded } from './ledger-checks.js';
import { verifyReportView } from './ledger-verify.js';
import { directed, ledgerMessage } from './ledger.messages.js';
import type { Message } from '../i18n/messages.js';

export { help } from './ledger.help.js';

async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openCommandNode(dataDir);
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

/** Reads an evidence package; anything that is not one (not JSON, another format) is named as such. */
function readEvidence(file: string): EvidencePackage {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  let pkg: Partial<EvidencePackage> | null;
  try {
    pkg = JSON.parse(text) as Partial<EvidencePackage> | null;
  } catch {
    pkg = null;
  }
  if (pkg?.accord !== 'evidence/1') throw new AccordError('bad-request', ledgerMessage('notEvidence', { file }));
  return pkg as EvidencePackage;
}

export const registerCommands: CommandRegistrar = (program, context) => {
  const ledger = program.command('ledger').description('the verifiable record of everything exchanged with peers');

  ledger
    .command('verify')
    .description('recompute the hash chains and verify every bundle and receipt signature; exits non-zero on any problem')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const report = verifyReportView(await withNode(opts.data, (s) => verifyRecorded(checksOf(s), 'system')), ctx.locale);
      print(ctx, [report.summary, ...report.problems.map((p) => `  ${p.where}: ${p.problem}`)].join('\n'), report);
      if (!report.ok) process.exitCode = 10;
    });

  ledger
    .command('reconcile')
    .description('compare this node’s view of the channel with the peer’s own and name the first divergence')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<party>', 'the peer’s Party code')
    .action(async (party: string, opts: { data: string }) => {
      const ctx = context();
      const result = await withNode(opts.data, (s) => s.federation.sync.reconcile(party));
      const side = (entry: { objectId: string; version: string } | null | undefined) => (entry ? `${entry.objectId} ${entry.version}` : ledgerMessage('nothing').text(ctx.locale));
      const line = (direction: 'sent' | 'received', c: typeof result.sent) =>
        (c.firstDivergence
          ? directed('diverge', direction, { index: c.firstDivergence.index, mine: side(c.firstDivergence.mine), party, theirs: side(c.firstDivergence.theirs) })
          : directed('agree', direction, { count: Math.min(c.mine, c.theirs), mine: c.mine, party, theirs: c.theirs })
        ).text(ctx.locale);
      print(ctx, [line('sent', result.sent), line('received', result.received)].join('\n'), result);
      if (result.sent.firstDivergence || result.received.firstDivergence) process.exitCode = 10;
    });

  ledger
    .command('evidence')
    .description('export a self-contained, verifiable evidence package for an object (for disputes)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--out <file>', 'write to a file instead of stdout')
    .argument('<object-id>', 'STIX id of the object')
    .action(async (objectId: string, opts: { data: string; out?: string }) => {
      const ctx = context();
      const pkg = await withNode(opts.data, (s) => evidenceRecorded(checksOf(s), 'system', objectId));
      const text = `${JSON.stringify(pkg, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, text, { mode: 0o600 });
      else ctx.stdout.write(text);
    });

  ledger
    .command('check-evidence')
    .description('verify an evidence package on its own (no node needed)')
    .argument('<file>', 'evidence package')
    .action(async (file: string) => {
      const ctx = context();
      const pkg = readEvidence(file);
      const checked = await verifyEvidence(pkg);
      const say = (key: 'finding' | 'problem', m: Message) => ledgerMessage(key, { text: m.text(ctx.locale) }).text(ctx.locale);
      const result = { ok: checked.ok, findings: checked.findings.map((f) => f.text(ctx.locale)), problems: checked.problems.map((p) => p.text(ctx.locale)) };
      const verdict = ledgerMessage(result.ok ? 'evidenceVerified' : 'evidenceFailed').text(ctx.locale);
      print(ctx, [...checked.findings.map((f) => say('finding', f)), ...checked.problems.map((p) => say('problem', p)), verdict, ledgerMessage('fingerprints', { fingerprints: JSON.stringify(pkg.fingerprints) }).text(ctx.locale)].join('\n'), result);
      if (!result.ok) process.exitCode = 10;
    });
};
