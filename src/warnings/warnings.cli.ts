import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { asUser, collect, deadlineText, languageTag, listOption, nextActionText, noneText, stateList, wholeNumber } from '../exchange/workflow-cli.js';
import type { Locale } from '../i18n/locale.js';
import { severities, type Severity } from '../profile/profile.schema.js';
import { TLP_LEVELS, type TlpLevel } from '../stix/tlp.js';
import type { WarningDetail, WarningSummary } from './warning-views.js';
import { warningsMessage } from './warnings.messages.js';
import { agreements, type Agreement } from './warnings.service.js';
import { warningDirections, warningStates } from './warnings.tables.js';

export { help } from './warnings.help.js';

function line(w: WarningSummary, locale: Locale): string {
  const next = nextActionText(w.nextAction, locale);
  return [w.id, w.direction, w.state, w.severity, w.direction === 'sent' ? `→ ${w.addressees.map((a) => a.party).join(',')}` : `← ${w.senderParty}`, w.title, next].join('\t');
}

function detail(w: WarningDetail, locale: Locale): string {
  return [line(w, locale), ...w.deadlines.map((d) => deadlineText(d, locale)), ...w.history.map((h) => `  ${h.at} ${h.kind} ${h.party ?? ''} ${h.actor ?? ''}`)].join('\n');
}

interface Common { data: string; as: string }

/** The API's bounds for a page of warnings. */
const MAX_LIMIT = 500;

const states = (value: string | undefined): string[] =>
  stateList(value, warningStates, (state) => new AccordError('bad-request', warningsMessage('badState', { state, known: warningStates.join(', ') })));

export const registerCommands: CommandRegistrar = (program, context) => {
  const warn = program.command('warn').description('early warnings to and from the other Parties');

  warn.command('send')
    .description('send an early warning to other Parties (--draft keeps it as a draft)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .requiredOption('--title <text>', 'title, in the author\'s language')
    .addOption(new Option('--severity <level>', 'critical, high, medium or low').choices(severities).makeOptionMandatory())
    .requiredOption('--threat <code>', 'threat category of the agreement profile')
    .requiredOption('--to <parties>', 'addressed Parties, comma-separated (e.g. RU)')
    .option('--description <text>', 'description')
    // Not --lang: the program's own --lang (the interface language) would take it.
    .option('--text-lang <tag>', 'language of title and description')
    // An unknown level would be kept in a draft and only refused, obscurely, as the warning is sent.
    .addOption(new Option('--tlp <level>', 'TLP level').choices(TLP_LEVELS).default('amber'))
    .option('--related <ids>', 'related STIX object ids, comma-separated')
    .option('--sector <name>', 'affected sector (repeatable)', collect)
    .option('--product <name>', 'affected product (repeatable)', collect)
    .option('--action <text>', 'recommended action (repeatable)', collect)
    .option('--draft', 'keep as a draft, do not send')
    .action(async (opts: Common & { title: string; severity: string; threat: string; to: string; description?: string; textLang?: string; tlp: string; related?: string; sector?: string[]; product?: string[]; action?: string[]; draft?: boolean }) => {
      const ctx = context();
      const lang = opts.textLang === undefined ? undefined : languageTag('--text-lang', opts.textLang);
      const result = await asUser(opts.data, opts.as, (services, user) => services.warnings.create(user, {
        title: opts.title, severity: opts.severity as Severity, threatCategory: opts.threat, addressees: listOption(opts.to), description: opts.description,
        lang, tlp: opts.tlp as TlpLevel, relatedRefs: listOption(opts.related), affectedSectors: opts.sector, affectedProducts: opts.product, recommendedActions: opts.action,
      }, { send: !opts.draft }));
      print(ctx, detail(result, ctx.locale), result);
    });

  warn.command('ack')
    .description('acknowledge a warning received from another Party')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .option('--comment <text>', 'a remark sent with the acknowledgement')
    .argument('<id>', 'the warning id')
    .action(async (id: string, opts: Common & { comment?: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.warnings.acknowledge(user, id, opts.comment));
      print(ctx, detail(result, ctx.locale), result);
    });

  warn.command('assess')
    .description('record and share this Party\'s assessment of a warning')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .addOption(new Option('--agreement <value>', 'strongly-disagree, disagree, neutral, agree or strongly-agree').choices(agreements).makeOptionMandatory())
    .option('--confidence <n>', 'confidence 0–100')
    .option('--explanation <text>', 'why')
    .option('--action-taken <text>', 'an action taken (repeatable)', collect)
    .argument('<id>', 'the warning id')
    .action(async (id: string, opts: Common & { agreement: string; confidence?: string; explanation?: string; actionTaken?: string[] }) => {
      const ctx = context();
      const confidence = opts.confidence === undefined ? undefined : wholeNumber(opts.confidence, 0, 100, () => new AccordError('bad-request', warningsMessage('badConfidence')));
      const result = await asUser(opts.data, opts.as, (services, user) => services.warnings.assess(user, id, {
        agreement: opts.agreement as Agreement, confidence, explanation: opts.explanation, actionsTaken: opts.actionTaken,
      }));
      print(ctx, detail(result, ctx.locale), result);
    });

  for (const verb of ['withdraw', 'close'] as const) {
    warn.command(verb)
      .description(`${verb} a warning this Party sent`)
      .requiredOption('--data <dir>', 'data folder of the node')
      .option('--as <user>', 'the user acting', 'admin')
      .option('--reason <text>', 'why (required to withdraw)')
      .argument('<id>', 'the warning id')
      .action(async (id: string, opts: Common & { reason?: string }) => {
        const ctx = context();
        const result = await asUser(opts.data, opts.as, (services, user) => (verb === 'withdraw' ? services.warnings.withdraw(user, id, opts.reason ?? '') : services.warnings.close(user, id, opts.reason)));
        print(ctx, detail(result, ctx.locale), result);
      });
  }

  warn.command('show')
    .description('one warning with deadlines and history')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .argument('<id>', 'the warning id')
    .action(async (id: string, opts: Common) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.warnings.get(user, id));
      print(ctx, detail(result, ctx.locale), result);
    });

  warn.command('list')
    .description('early warnings sent and received, most recently changed first')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .option('--state <states>', 'comma-separated states')
    .addOption(new Option('--direction <dir>', 'sent or received').choices(warningDirections))
    .option('--party <code>', 'only warnings this Party sent or was sent (a Party code, e.g. RU)')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: Common & { state?: string; direction?: string; party?: string; limit: string }) => {
      const ctx = context();
      const filter = { state: states(opts.state), direction: opts.direction, party: opts.party, limit: wholeNumber(opts.limit, 1, MAX_LIMIT, () => new AccordError('bad-request', warningsMessage('badLimit', { max: MAX_LIMIT }))) };
      const result = await asUser(opts.data, opts.as, (services, user) => services.warnings.list(user, filter));
      print(ctx, result.items.map((x) => line(x, ctx.locale)).join('\n') || noneText(ctx.locale), result.items);
    });
};
