import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { recordLine, userCommand, type UserOptions } from '../agreement/agreement.cli.js';
import { AccordError } from '../errors/errors.js';
import { asUser, collect, LANGUAGE_CODE, languageTag, noneText } from '../exchange/workflow-cli.js';
import { legislationStatuses } from '../exchange/exchange-kinds.js';
import { legislationMessage } from './legislation.messages.js';
import type { LegislationInput } from './legislation.service.js';

export { help } from './legislation.help.js';

/** `zh=网络安全法` → { zh: '网络安全法' }. */
function byLanguage(option: string, values: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(values.map((v) => {
    const at = v.indexOf('=');
    // Without "=", slicing at -1 would make "zh" the language "z" with the text "zh".
    if (at < 1) throw new AccordError('bad-request', legislationMessage('notLangText', { option, value: v }));
    return [languageTag(option, v.slice(0, at), LANGUAGE_CODE), v.slice(at + 1)];
  }));
}

export const registerCommands: CommandRegistrar = (program, context) => {
  const legislation = program.command('legislation').description('the library of national legislation the Parties share (Art. 3(8))');

  userCommand(legislation, 'search', 'find laws by words of their titles and summaries, in any language').argument('[words...]', 'words to find').action(async (words: string[], opts: UserOptions) => {
    const ctx = context();
    const items = await asUser(opts.data, opts.as, (services) => services.governance.legislation.search({ query: words.join(' ') }));
    print(ctx, items.map(recordLine).join('\n') || noneText(ctx.locale), items);
  });

  userCommand(legislation, 'add', 'share a national law or regulation')
    .requiredOption('--title <lang=text>', 'title in one language (repeatable), e.g. zh=网络安全法', collect)
    .option('--summary <lang=text>', 'summary in one language (repeatable)', collect)
    // An unknown status would only be refused, obscurely, as the record is sent.
    .addOption(new Option('--status <status>', 'draft, in-force, amended, repealed').choices(legislationStatuses).default('in-force'))
    .option('--from <date>', 'in force from YYYY-MM-DD')
    .option('--until <date>', 'in force until YYYY-MM-DD')
    .option('--url <url>', 'link to the official text (repeatable)', collect)
    .action(async (opts: UserOptions & { title: string[]; summary?: string[]; status: LegislationInput['status']; from?: string; until?: string; url?: string[] }) => {
      const ctx = context();
      const titles = byLanguage('--title', opts.title);
      const summaries = byLanguage('--summary', opts.summary);
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.legislation.create(user, {
        titles, summaries, status: opts.status, inForceFrom: opts.from, inForceUntil: opts.until, urls: opts.url,
      }));
      print(ctx, recordLine(result), result);
    });
};
