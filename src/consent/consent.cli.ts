import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { userCommand, type UserOptions } from '../agreement/agreement.cli.js';
import { asUser, listOption, noneText, workflowLabel } from '../exchange/workflow-cli.js';
import type { Locale } from '../i18n/locale.js';
import { consentStates, type ConsentState, type ConsentView } from './consent.service.js';

export { help } from './consent.help.js';

const line = (c: ConsentView, locale: Locale): string =>
  [
    `${c.id}  ${c.state.padEnd(8)} ${c.direction === 'sent' ? `→ ${c.originatingParty}` : `← ${c.requestingParty}`}`,
    workflowLabel('recipient', { recipient: c.recipient }, locale),
    workflowLabel('objects', { count: c.objects.length }, locale),
    ...(c.decision?.expires ? [workflowLabel('until', { date: c.decision.expires }, locale)] : []),
    ...(c.decision?.reasons.length ? [workflowLabel('reasons', { reasons: c.decision.reasons.join('; ') }, locale)] : []),
  ].join('  ');

export const registerCommands: CommandRegistrar = (program, context) => {
  const consent = program.command('consent').description('originator consent to disclose information another Party provided (Art. 6(2))');

  userCommand(consent, 'list', 'consent requests sent and received, with their decisions')
    // A misspelt state would match nothing and read as "no such requests".
    .addOption(new Option('--state <state>', 'pending, granted, refused, revoked or expired').choices(consentStates))
    .option('--object <id>', 'only requests about this object')
    .action(async (opts: UserOptions & { state?: ConsentState; object?: string }) => {
      const ctx = context();
      const items = await asUser(opts.data, opts.as, (services) => services.governance.consents.list({ state: opts.state, object: opts.object }));
      print(ctx, items.map((c) => line(c, ctx.locale)).join('\n') || noneText(ctx.locale), items);
    });

  userCommand(consent, 'request', 'ask the Party that provided objects for permission to disclose them')
    .requiredOption('--objects <ids>', 'object ids, comma-separated, all from one Party')
    .requiredOption('--recipient <who>', '"public", "third-party:NAME" or a Party code')
    .requiredOption('--purpose <text>', 'why, and for what use')
    .option('--until <date>', 'YYYY-MM-DD or an RFC 3339 instant')
    .action(async (opts: UserOptions & { objects: string; recipient: string; purpose: string; until?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.consents.request(user, { objects: listOption(opts.objects), recipient: opts.recipient, purpose: opts.purpose, until: opts.until }));
      print(ctx, line(result, ctx.locale), result);
    });

  userCommand(consent, 'grant', 'grant a request about this Party\'s information')
    .argument('<id>', 'the consent request')
    .option('--objects <ids>', 'grant only these of the requested objects')
    .option('--expires <date>', 'YYYY-MM-DD or an RFC 3339 instant (default: what was asked)')
    .action(async (id: string, opts: UserOptions & { objects?: string; expires?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.consents.grant(user, id, { objects: opts.objects ? listOption(opts.objects) : undefined, expires: opts.expires }));
      print(ctx, line(result, ctx.locale), result);
    });

  userCommand(consent, 'refuse', 'refuse a request, with reasons')
    .argument('<id>', 'the consent request')
    .requiredOption('--reason <text...>', 'one or more reasons')
    .action(async (id: string, opts: UserOptions & { reason: string[] }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.consents.refuse(user, id, opts.reason));
      print(ctx, line(result, ctx.locale), result);
    });

  userCommand(consent, 'revoke', 'revoke a grant; releases under it stop')
    .argument('<id>', 'the consent request')
    .option('--reason <text>', 'why')
    .action(async (id: string, opts: UserOptions & { reason?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.consents.revoke(user, id, opts.reason));
      print(ctx, line(result, ctx.locale), result);
    });
};
