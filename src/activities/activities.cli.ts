import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { recordLine, userCommand, type UserOptions } from '../agreement/agreement.cli.js';
import { AccordError } from '../errors/errors.js';
import { asUser, listOption, noneText, stateList } from '../exchange/workflow-cli.js';
import { activityKinds, activityStatuses, costBearers } from '../exchange/exchange-kinds.js';
import { activitiesMessage } from './activities.messages.js';
import type { ActivityInput } from './activities.service.js';

export { help } from './activities.help.js';

// A misspelt status would filter every activity out and print "(none)".
const statuses = (value: string | undefined): string[] =>
  stateList(value, activityStatuses, (status) => new AccordError('bad-request', activitiesMessage('badStatus', { status, known: activityStatuses.join(', ') })));

export const registerCommands: CommandRegistrar = (program, context) => {
  const activity = program.command('activity').description('joint activities of the Parties (Art. 3(12–14))');

  userCommand(activity, 'list', 'joint activities recorded by every Party')
    .option('--status <states>', 'comma-separated statuses')
    .option('--party <code>', 'only activities this Party recorded (a Party code, e.g. RU)')
    .action(async (opts: UserOptions & { status?: string; party?: string }) => {
      const ctx = context();
      const status = statuses(opts.status);
      const items = await asUser(opts.data, opts.as, (services) => services.governance.activities.list({ status, party: opts.party }));
      print(ctx, items.map(recordLine).join('\n') || noneText(ctx.locale), items);
    });

  userCommand(activity, 'add', 'record a joint activity and share it')
    .requiredOption('--title <text>', 'title')
    // Unknown kinds, statuses and cost bearers would only be refused, obscurely, as the record is sent.
    .addOption(new Option('--kind <kind>', 'research, training, exchange, working-meeting or conference').choices(activityKinds).makeOptionMandatory())
    .requiredOption('--directions <codes>', 'directions of cooperation, comma-separated')
    .requiredOption('--parties <codes>', 'participating Parties, comma-separated')
    .requiredOption('--start <date>', 'first day YYYY-MM-DD')
    .option('--end <date>', 'last day YYYY-MM-DD')
    .addOption(new Option('--status <status>', 'proposed, agreed, in-progress, completed, cancelled').choices(activityStatuses).default('proposed'))
    .addOption(new Option('--cost-bearer <rule>', 'own-party, host-party, shared, as-agreed (default: the profile\'s rule)').choices(costBearers))
    .option('--cost-arrangement <text>', 'the arrangement, when not the default')
    .action(async (opts: UserOptions & { title: string; kind: ActivityInput['kind']; directions: string; parties: string; start: string; end?: string; status: NonNullable<ActivityInput['status']>; costBearer?: ActivityInput['costBearer']; costArrangement?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.activities.create(user, {
        title: opts.title, kind: opts.kind, directions: listOption(opts.directions), participants: listOption(opts.parties).map((party) => ({ party })),
        startDate: opts.start, endDate: opts.end, status: opts.status, costBearer: opts.costBearer, costArrangement: opts.costArrangement,
      }));
      print(ctx, recordLine(result), result);
    });
};
