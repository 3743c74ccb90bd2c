import { Command } from 'commander';
import { cliLocale, type CliContext } from './cli-context.js';

/** A domain's CLI commands: each domain folder exports one of these from `<domain>.cli.ts`. */
export type CommandRegistrar = (program: Command, context: () => CliContext) => void;

/**
 * Builds the `accord` program. Domains register their own commands; this file only lists them,
 * lazily imported so `accord profile show` does not load the HTTP server.
 */
export async function buildProgram(io: Pick<CliContext, 'stdout' | 'stderr'> = process): Promise<Command> {
  const program = new Command('accord')
    .description('Accord: the cooperation mechanism of an information-security agreement, one node per Party')
    .option('--lang <locale>', 'language of messages: zh, ru or en')
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  const context = (): CliContext => {
    const opts = program.opts<{ lang?: string; json?: boolean }>();
    return {
      locale: cliLocale(opts.lang),
      json: opts.json === true,
      stdout: io.stdout,
      stderr: io.stderr,
      interactive: Boolean((io.stdout as NodeJS.WriteStream).isTTY) && process.stdin.isTTY === true,
    };
  };

  const registrars: CommandRegistrar[] = await Promise.all(
    registrarModules.map(async (load) => (await load()).registerCommands),
  );
  for (const register of registrars) register(program, context);
  return program;
}

const registrarModules: ReadonlyArray<() => Promise<{ registerCommands: CommandRegistrar }>> = [
  () => import('../node/node.cli.js'),
  () => import('../profile/profile.cli.js'),
  () => import('../warnings/warnings.cli.js'),
  () => import('../requests/requests.cli.js'),
  () => import('../federation/federation.cli.js'),
  () => import('../ledger/ledger.cli.js'),
  () => import('../matching/matching.cli.js'),
  () => import('../correlation/correlation.cli.js'),
  () => import('../agreement/agreement.cli.js'),
  () => import('../authorities/authorities.cli.js'),
  () => import('../activities/activities.cli.js'),
  () => import('../consent/consent.cli.js'),
  () => import('../legislation/legislation.cli.js'),
  () => import('../consultations/consultations.cli.js'),
  () => import('../disputes/disputes.cli.js'),
  () => import('../reports/reports.cli.js'),
];
