import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { recordLine, userCommand, type UserOptions } from '../agreement/agreement.cli.js';
import { asUser, listOption, noneText } from '../exchange/workflow-cli.js';
import type { ActivityInput } from './activities.service.js';

export { help } from './activities.help.js';

export const registerCommands: CommandRegistrar = (program, context) => {
  const activity = program.command('activity').description('joint activities of the Parties (Art. 3(12–14))');

  userCommand(activity, 'list', 'joint activities recorded by every Party').option('--status <states>', 'comma-separated statuses').action(async (opts: UserOptions & { status?: string }) => {
    const ctx = context();
    const items = await asUser(opts.data, opts.as, (services) => services.governance.activities.list({ status: listOption(opts.status) }));
    print(ctx, items.map(recordLine).join('\n') || noneText(ctx.locale), items);
  });

  userCommand(activity, 'add', 'record a joint activity and share it')
    .requiredOption('--title <text>', 'title')
    .requiredOption('--kind <kind>', 'research, training, exchange, working-meeting or conference')
    .requiredOption('--directions <codes>', 'directions of cooperation, comma-separated')
    .requiredOption('--parties <codes>', 'participating Parties, comma-separated')
    .requiredOption('--start <date>', 'first day YYYY-MM-DD')
    .option('--end <date>', 'last day YYYY-MM-DD')
    .option('--status <status>', 'proposed, agreed, in-progress, completed, cancelled', 'proposed')
    .option('--cost-bearer <rule>', 'own-party, host-party, shared, as-agreed (default: the profile\'s rule)')
    .option('--cost-arrangement <text>', 'the arrangement, when not the default')
    .action(async (opts: UserOptions & { title: string; kind: string; directions: string; parties: string; start: string; end?: string; status: string; costBearer?: string; costArrangement?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.activities.create(user, {
        title: opts.title, kind: opts.kind as ActivityInput['kind'], directions: listOption(opts.directions), participants: listOption(opts.parties).map((party) => ({ party })),
        startDate: opts.start, endDate: opts.end, status: opts.status as ActivityInput['status'], costBearer: opts.costBearer as ActivityInput['costBearer'], costArrangement: opts.costArrangement,
      }));
      print(ctx, recordLine(result), result);
    });
};
