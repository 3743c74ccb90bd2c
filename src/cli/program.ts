import { Command } from 'commander';
import { sharedHelp } from './cli.help.js';
import { cliLocale, langFlag, type CliContext } from './cli-context.js';
import { localiseHelp, mergeHelp, type HelpTranslations } from './help-language.js';
import { translateUsageError } from './usage-errors.js';

/** A domain's CLI commands: each domain folder exports one of these from `<domain>.cli.ts`. */
export type CommandRegistrar = (program: Command, context: () => CliContext) => void;

/** A domain's `<domain>.cli.ts`: its commands, and the translations of their help texts. */
export interface CliModule {
  readonly registerCommands: CommandRegistrar;
  readonly help?: HelpTranslations;
}

/** Loads every domain's commands and merges their help translations. */
export async function cliModules(): Promise<{ modules: CliModule[]; translations: HelpTranslations }> {
  const modules: CliModule[] = await Promise.all(registrarModules.map((load) => load()));
  return { modules, translations: mergeHelp([sharedHelp, ...modules.flatMap((m) => (m.help ? [m.help] : []))]) };
}

/**
 * Builds the `accord` program. Domains register their own commands; this file only lists them,
 * lazily imported so `accord profile show` does not load the HTTP server. `argv` is read for
 * `--lang` only, so that a usage error commander finds before parsing it still speaks that language.
 */
export async function buildProgram(io: Pick<CliContext, 'stdout' | 'stderr'> = process, argv: readonly string[] = []): Promise<Command> {
  const { modules, translations } = await cliModules();
  const program = new Command('accord');
  const locale = () => cliLocale(program.opts<{ lang?: string }>().lang ?? langFlag(argv));
  localiseHelp(program, locale, translations);
  program
    .description('Accord: the cooperation mechanism of an information-security agreement, one node per Party')
    .option('--lang <locale>', 'language of messages: zh, ru or en')
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(translateUsageError(s, locale())),
    })
    .exitOverride();

  const context = (): CliContext => {
    const opts = program.opts<{ lang?: string; json?: boolean }>();
    return {
      locale: locale(),
      json: opts.json === true,
      stdout: io.stdout,
      stderr: io.stderr,
      interactive: Boolean((io.stdout as NodeJS.WriteStream).isTTY) && process.stdin.isTTY === true,
    };
  };

  for (const { registerCommands } of modules) registerCommands(program, context);
  return program;
}

const registrarModules: ReadonlyArray<() => Promise<CliModule>> = [
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
