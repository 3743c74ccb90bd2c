import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { asUser, noneText } from '../exchange/workflow-cli.js';
import type { LifecycleInput } from './agreement.service.js';
import { isRecordDate, type AgreementState } from './lifecycle.js';
import { AccordError } from '../errors/errors.js';
import { agreementMessage } from './agreement.messages.js';
import type { Locale } from '../i18n/locale.js';
import type { MessageParams } from '../i18n/messages.js';
import type { RecordView } from './party-records.js';

export { help } from './agreement.help.js';

export interface UserOptions { data: string; as: string }

/** A subcommand acting on a node's store as one of its users (`--data`, `--as`). */
export function userCommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description).requiredOption('--data <dir>', 'data folder of the node').option('--as <user>', 'the user acting', 'admin');
}

/** One line per governance record. */
export function recordLine(r: RecordView): string {
  return [r.id, r.party, r.status, r.title, `v${r.governingVersion}`, r.modified].join('\t');
}

/** The agreement's state as a liaison reads it on the command line, in their language. */
function stateText(s: AgreementState, locale: Locale): string {
  const say = (key: Parameters<typeof agreementMessage>[0], params?: MessageParams) => agreementMessage(key, params).text(locale);
  const entry = s.entryIntoForce;
  const end = s.terminationEffective;
  const signature = s.signature;
  return [
    say('stateHead', { agreement: s.agreement, status: say(`status_${s.status}`), at: s.at, version: s.governingVersion }),
    signature
      ? say(signature.place ? 'signedAt' : 'signedOn', { date: signature.signedOn, place: signature.place ?? '', party: signature.party })
      : say('unsigned'),
    ...s.versions.flatMap((v) => [
      v.awaitingNotification.length
        ? say('versionAwaiting', { version: v.version, name: v.name ? ` (${v.name})` : '', parties: v.awaitingNotification.join(', ') })
        : say('versionNotified', { version: v.version, name: v.name ? ` (${v.name})` : '' }),
      ...v.notifications.map((n) =>
        say('notified', { party: n.party, sent: n.sentAt, receipts: n.receipts.map((r) => `${r.party} ${r.legalDate}`).join(', ') || '—' }) +
        (n.awaitingReceipt.length ? say('awaitingReceipt', { parties: n.awaitingReceipt.join(', ') }) : '')),
      v.entryIntoForce
        ? say('entersIntoForce', { date: v.entryIntoForce.date, instant: v.entryIntoForce.instant ?? '', provision: v.entryIntoForce.provision, days: v.entryIntoForce.days, from: v.entryIntoForce.eventDate, convention: v.entryIntoForce.convention })
        : '',
    ]).filter(Boolean),
    entry ? '' : say('entryPending'),
    end ? say('ceases', { date: end.date, instant: end.instant ?? '', provision: end.provision }) : '',
  ].filter(Boolean).join('\n');
}

/**
 * --at as the API's `at` takes it (RFC 3339): a value Date.parse cannot read used to give the state
 * at the present moment, and Date.parse alone reads "1" as 2001 and 2026-02-30 as 2 March.
 */
function atMicros(value: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})$/.exec(value);
  const ms = Date.parse(value);
  if (!match || !isRecordDate(match[1]) || Number.isNaN(ms)) throw new AccordError('bad-request', agreementMessage('notTimestamp', { value }));
  return ms * 1000;
}

type VerbOptions = { date?: string; place?: string; version?: string; name?: string; sentAt?: string; notification?: string; receivedAt?: string };

// Each act takes only the options that belong to it, so its help page names nothing it ignores.
const verbs: ReadonlyArray<{ verb: string; kind: LifecycleInput['kind']; description: string; options: ReadonlyArray<readonly [string, string]> }> = [
  { verb: 'sign', kind: 'signature', description: 'record the signature of the agreement (--date, --place)', options: [['--date <date>', 'date of signature YYYY-MM-DD'], ['--place <text>', 'place of signature']] },
  {
    verb: 'notify', kind: 'notification', description: 'record this Party\'s notification that its domestic procedures are complete (--sent-at, --version)',
    options: [['--sent-at <instant>', 'when the note was sent (default now)'], ['--version <version>', 'profile version concerned']],
  },
  {
    verb: 'receive', kind: 'receipt', description: 'record that this Party received a notification or notice (--notification, --received-at)',
    options: [['--notification <id>', 'the notification or notice received'], ['--received-at <instant>', 'when it was received (default now)']],
  },
  {
    verb: 'protocol', kind: 'protocol', description: 'record a protocol amending the agreement (--version, --date, --name)',
    options: [['--version <version>', 'profile version concerned'], ['--date <date>', 'date the protocol was signed YYYY-MM-DD'], ['--name <text>', 'title of a protocol']],
  },
  { verb: 'terminate', kind: 'termination-notice', description: 'record this Party\'s notice of termination (--sent-at)', options: [['--sent-at <instant>', 'when the note was sent (default now)']] },
];

export const registerCommands: CommandRegistrar = (program, context) => {
  const agreement = program.command('agreement').description('the agreement\'s lifecycle: signature, notifications, entry into force, protocols, termination');

  userCommand(agreement, 'status', 'the agreement\'s state, entry into force and termination dates')
    .option('--at <instant>', 'the instant to compute the state for (default now)')
    .action(async (opts: UserOptions & { at?: string }) => {
      const ctx = context();
      const at = opts.at === undefined ? undefined : atMicros(opts.at);
      const state = await asUser(opts.data, opts.as, (services) => services.governance.agreement.state(at));
      print(ctx, stateText(state, ctx.locale), state);
    });

  for (const { verb, kind, description, options } of verbs) {
    const command = userCommand(agreement, verb, description);
    for (const [flags, text] of options) command.option(flags, text);
    command.action(async (opts: UserOptions & VerbOptions) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.governance.agreement.record(user, {
        kind, signedOn: opts.date, place: opts.place, version: opts.version, name: opts.name, sentAt: opts.sentAt, notification: opts.notification, receivedAt: opts.receivedAt,
      }));
      print(ctx, `${recordLine(result.record)}\n${stateText(result.state, ctx.locale)}`, result);
    });
  }

  userCommand(agreement, 'records', 'every lifecycle record of every Party').action(async (opts: UserOptions) => {
    const ctx = context();
    const items = await asUser(opts.data, opts.as, (services) => services.governance.agreement.list());
    print(ctx, items.map(recordLine).join('\n') || noneText(ctx.locale), items);
  });

  userCommand(agreement, 'survivors', 'what continues after termination').action(async (opts: UserOptions) => {
    const ctx = context();
    const result = await asUser(opts.data, opts.as, (services) => services.governance.agreement.survivors());
    print(ctx, [...result.rules.map((r) => `${r.code}: ${r.label[ctx.locale] ?? r.label.en ?? ''}`), ...result.items.map((i) => `${i.id}\t${i.kind}\t${i.status}\t${i.title}`)].join('\n'), result);
  });
};
