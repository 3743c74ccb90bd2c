import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { recordLine, userCommand, type UserOptions } from '../agreement/agreement.cli.js';
import { asUser, collect, listOption, noneText } from '../exchange/workflow-cli.js';
import { authoritiesMessage } from './authorities.messages.js';
import type { AuthorityContact } from './authorities.service.js';

export { help } from './authorities.help.js';

export const registerCommands: CommandRegistrar = (program, context) => {
  const authority = program.command('authority').description('competent authorities of the Parties (Art. 5(1))');

  userCommand(authority, 'list', 'competent authorities of every Party').option('--party <code>', 'one Party').action(async (opts: UserOptions & { party?: string }) => {
    const ctx = context();
    const items = await asUser(opts.data, opts.as, (services) => services.governance.authorities.list(opts.party));
    print(ctx, items.map(recordLine).join('\n') || noneText(ctx.locale), items);
  });

  userCommand(authority, 'add', 'share a competent authority of this Party')
    .requiredOption('--name <text>', 'name')
    .requiredOption('--roles <roles>', 'roles, comma-separated')
    .requiredOption('--areas <codes>', 'directions of cooperation it handles, comma-separated')
    .option('--duty <value>', 'a round-the-clock (24/7) phone (repeatable)', collect)
    .option('--email <value>', 'an e-mail contact (repeatable)', collect)
    .action(async (opts: UserOptions & { name: string; roles: string; areas: string; duty?: string[]; email?: string[] }) => {
      const ctx = context();
      const contacts: AuthorityContact[] = [...(opts.duty ?? []).map((value) => ({ channel: 'phone' as const, value, alwaysAvailable: true })), ...(opts.email ?? []).map((value) => ({ channel: 'email' as const, value }))];
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.authorities.create(user, { name: opts.name, roles: listOption(opts.roles), areas: listOption(opts.areas), contacts }));
      print(ctx, recordLine(result), result);
    });

  userCommand(authority, 'status', 'the deadline for exchanging authorities and what each Party still has to share').action(async (opts: UserOptions) => {
    const ctx = context();
    const result = await asUser(opts.data, opts.as, (services) => services.governance.authorities.exchangeStatus(ctx.locale));
    const say = (key: 'statusComplete' | 'statusMissing' | 'statusDue', params: Record<string, string> = {}) => authoritiesMessage(key, params).text(ctx.locale);
    const line = (p: (typeof result.parties)[number]) =>
      [p.party, p.complete ? say('statusComplete') : say('statusMissing', { items: p.missing.join('; ') }), say('statusDue', { date: `${p.due?.date ?? '—'} ${p.due?.instant ?? ''}`.trim() }), p.deadlineState ?? ''].join('\t');
    print(ctx, result.parties.map(line).join('\n'), result);
  });
};
