import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { asUser } from '../exchange/workflow-cli.js';
import type { LifecycleInput } from './agreement.service.js';
import type { AgreementState } from './lifecycle.js';
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

function stateText(s: AgreementState): string {
  const entry = s.entryIntoForce;
  const end = s.terminationEffective;
  return [
    `${s.agreement}: ${s.status} at ${s.at} (version ${s.governingVersion})`,
    s.signature ? `  signed ${s.signature.signedOn}${s.signature.place ? ` at ${s.signature.place}` : ''} (recorded by ${s.signature.party})` : '  signature not recorded',
    ...s.versions.flatMap((v) => [
      `  version ${v.version}${v.name ? ` (${v.name})` : ''}: ${v.awaitingNotification.length ? `awaiting notification from ${v.awaitingNotification.join(', ')}` : 'every Party notified'}`,
      ...v.notifications.map((n) => `    ${n.party} notified ${n.sentAt}; received ${n.receipts.map((r) => `${r.party} ${r.legalDate}`).join(', ') || '—'}${n.awaitingReceipt.length ? `; awaiting ${n.awaitingReceipt.join(', ')}` : ''}`),
      v.entryIntoForce ? `    enters into force ${v.entryIntoForce.date} (${v.entryIntoForce.instant ?? ''}, ${v.entryIntoForce.provision}, day ${v.entryIntoForce.days} after ${v.entryIntoForce.eventDate}, ${v.entryIntoForce.convention})` : '',
    ]).filter(Boolean),
    entry ? '' : '  entry into force not yet computable',
    end ? `  ceases to have effect at the end of ${end.date} (${end.instant ?? ''}, ${end.provision})` : '',
  ].filter(Boolean).join('\n');
}

const verbs: ReadonlyArray<{ verb: string; kind: LifecycleInput['kind']; description: string }> = [
  { verb: 'sign', kind: 'signature', description: 'record the signature of the agreement (--date, --place)' },
  { verb: 'notify', kind: 'notification', description: 'record this Party\'s notification that its domestic procedures are complete (--sent-at, --version)' },
  { verb: 'receive', kind: 'receipt', description: 'record that this Party received a notification or notice (--notification, --received-at)' },
  { verb: 'protocol', kind: 'protocol', description: 'record a protocol amending the agreement (--version, --date, --name)' },
  { verb: 'terminate', kind: 'termination-notice', description: 'record this Party\'s notice of termination (--sent-at)' },
];

export const registerCommands: CommandRegistrar = (program, context) => {
  const agreement = program.command('agreement').description('the agreement\'s lifecycle: signature, notifications, entry into force, protocols, termination');

  userCommand(agreement, 'status', 'the agreement\'s state, entry into force and termination dates')
    .option('--at <instant>', 'the instant to compute the state for (default now)')
    .action(async (opts: UserOptions & { at?: string }) => {
      const ctx = context();
      const at = opts.at ? Date.parse(opts.at) * 1000 : undefined;
      const state = await asUser(opts.data, opts.as, (services) => services.governance.agreement.state(at !== undefined && !Number.isNaN(at) ? at : undefined));
      print(ctx, stateText(state), state);
    });

  for (const { verb, kind, description } of verbs) {
    userCommand(agreement, verb, description)
      .option('--date <date>', 'date of signature YYYY-MM-DD')
      .option('--place <text>', 'place of signature')
      .option('--version <version>', 'profile version concerned')
      .option('--name <text>', 'title of a protocol')
      .option('--sent-at <instant>', 'when the note was sent (default now)')
      .option('--notification <id>', 'the notification or notice received')
      .option('--received-at <instant>', 'when it was received (default now)')
      .action(async (opts: UserOptions & { date?: string; place?: string; version?: string; name?: string; sentAt?: string; notification?: string; receivedAt?: string }) => {
        const ctx = context();
        const result = await asUser(opts.data, opts.as, (services, user) => services.governance.agreement.record(user, {
          kind, signedOn: opts.date, place: opts.place, version: opts.version, name: opts.name, sentAt: opts.sentAt, notification: opts.notification, receivedAt: opts.receivedAt,
        }));
        print(ctx, `${recordLine(result.record)}\n${stateText(result.state)}`, result);
      });
  }

  userCommand(agreement, 'records', 'every lifecycle record of every Party').action(async (opts: UserOptions) => {
    const ctx = context();
    const items = await asUser(opts.data, opts.as, (services) => services.governance.agreement.list());
    print(ctx, items.map(recordLine).join('\n') || '(none)', items);
  });

  userCommand(agreement, 'survivors', 'what continues after termination').action(async (opts: UserOptions) => {
    const ctx = context();
    const result = await asUser(opts.data, opts.as, (services) => services.governance.agreement.survivors());
    print(ctx, [...result.rules.map((r) => `${r.code}: ${r.label.en ?? ''}`), ...result.items.map((i) => `${i.id}\t${i.kind}\t${i.status}\t${i.title}`)].join('\n'), result);
  });
};
