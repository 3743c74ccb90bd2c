import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { loadConfig } from '../config/config.js';
import { AccordError } from '../errors/errors.js';
import { openNode } from '../node/node-runtime.js';
import type { NodeServices } from '../node/node-services.js';
import { buildEvidence, verifyEvidence, type EvidencePackage } from './evidence.js';
import { verifyLedger } from './ledger-verify.js';

async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openNode(loadConfig({ dataDir, jobs: false }));
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

export const registerCommands: CommandRegistrar = (program, context) => {
  const ledger = program.command('ledger').description('the verifiable record of everything exchanged with peers');

  ledger
    .command('verify')
    .description('recompute the hash chains and verify every bundle and receipt signature; exits non-zero on any problem')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const report = await withNode(opts.data, (s) => verifyLedger(s.database, s.config.node.party));
      print(
        ctx,
        [`${report.entries} ledger entries, ${report.objects} exchanged versions, ${report.bundles} bundles: ${report.ok ? 'verified' : `${report.problems.length} problem(s)`}`, ...report.problems.map((p) => `  ${p.where}: ${p.problem}`)].join('\n'),
        report,
      );
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
      const line = (name: string, c: typeof result.sent) =>
        c.firstDivergence
          ? `${name}: DIVERGE at position ${c.firstDivergence.index}: here ${c.firstDivergence.mine ? `${c.firstDivergence.mine.objectId} ${c.firstDivergence.mine.version}` : '(nothing)'}, at ${party} ${c.firstDivergence.theirs ? `${c.firstDivergence.theirs.objectId} ${c.firstDivergence.theirs.version}` : '(nothing)'}`
          : `${name}: agree on ${Math.min(c.mine, c.theirs)} entries (here ${c.mine}, at ${party} ${c.theirs})`;
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
      const pkg = await withNode(opts.data, (s) => buildEvidence(s.database, s.config.node.party, objectId, s.clock.now()));
      if (pkg.versions.length === 0) throw new AccordError('not-found', `no object ${objectId} on this node`);
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
      const pkg = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8')) as EvidencePackage;
      if (pkg.accord !== 'evidence/1') throw new AccordError('bad-request', `${file} is not an Accord evidence package`);
      const result = await verifyEvidence(pkg);
      print(ctx, [...result.findings.map((f) => `ok: ${f}`), ...result.problems.map((p) => `PROBLEM: ${p}`), result.ok ? 'evidence verified' : 'evidence does NOT verify', `fingerprints to confirm: ${JSON.stringify(pkg.fingerprints)}`].join('\n'), result);
      if (!result.ok) process.exitCode = 10;
    });
};
