import { CommanderError } from 'commander';
import { AccordError, detailsIn, isAccordError } from '../errors/errors.js';
import { errorTitle } from '../errors/error-titles.js';
import { cliLocale, langFlag } from './cli-context.js';
import { fileError } from '../errors/file-errors.js';
import { buildProgram } from './program.js';
import { usageMessage } from './usage-errors.js';

/** Runs `accord` with the given arguments; maps every error to a readable message and an exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(process, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    // Commands that finish but report a failed check (ledger verify) set the exit code themselves.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportCliError(error, argv);
  }
}

function reportCliError(error: unknown, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    // Commander already printed its usage message; help and version are not failures.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  const locale = cliLocale(langFlag(argv));
  const json = argv.includes('--json');
  const accordError = isAccordError(error) ? error : (fileError(error) ?? new AccordError('internal', error instanceof Error ? error.message : String(error), { cause: error }));
  if (json) {
    process.stderr.write(
      `${JSON.stringify({ error: accordError.code, title: errorTitle(accordError.code).text(locale), detail: accordError.description.text(locale), details: detailsIn(accordError.details, locale) })}\n`,
    );
  } else {
    process.stderr.write(`accord: ${errorTitle(accordError.code).text(locale)}: ${accordError.description.text(locale)}\n`);
    for (const detail of detailsIn(accordError.details.slice(0, 20), locale))
      process.stderr.write(`  ${detail.index !== undefined ? `[${detail.index}] ` : ''}${detail.path}: ${detail.message}\n`);
    if (accordError.details.length > 20) process.stderr.write(`${usageMessage('moreProblems', { count: accordError.details.length - 20 }).text(locale)}\n`);
    if (accordError.code === 'internal' && process.env.ACCORD_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  }
  return accordError.exitCode;
}
