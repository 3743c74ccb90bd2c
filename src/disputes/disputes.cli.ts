import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { disputeStepKinds, type DisputeStepKind } from '../exchange/exchange-kinds.js';
import { asUser, collect, LANGUAGE_CODE, languageTag, listOption, noneText, workflowLabel } from '../exchange/workflow-cli.js';
import type { Locale } from '../i18n/locale.js';
import { disputesMessage } from './disputes.messages.js';
import type { DisputeView } from './disputes.service.js';

export { help } from './disputes.help.js';

interface Common { data: string; as: string }

function line(d: DisputeView, locale: Locale): string {
  return [d.id, d.state, d.raisingParty, d.provisions.join(','), workflowLabel('steps', { count: d.steps.length }, locale), d.title].join('\t');
}

function details(d: DisputeView, locale: Locale): string {
  const texts = (content: Record<string, string>) => Object.entries(content).map(([lang, text]) => `    [${lang}] ${text}`);
  return [
    line(d, locale),
    ...texts(d.subject),
    ...d.steps.flatMap((s) => [
      `  ${s.at}\t${s.party}\t${s.kind}${s.heldOn ? ` (${s.heldOn})` : ''}\t${s.actor}`,
      ...texts(s.content),
      ...s.evidence.map((e) => workflowLabel('evidence', { ref: e.objectRef, hash: e.packageHash }, locale)),
    ]),
  ].join('\n');
}

/** Reads repeated `lang=text` options into a text per language (the form of subjects, positions and outcomes). */
function textByLanguage(option: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at < 2) throw new AccordError('bad-request', disputesMessage('textOption', { value }));
    out[languageTag(option, value.slice(0, at).trim(), LANGUAGE_CODE)] = value.slice(at + 1);
  }
  return out;
}

export const registerCommands: CommandRegistrar = (program, context) => {
  const dispute = program.command('dispute').description('disputes on the interpretation or application of the agreement');
  const withNode = (command: Command): Command =>
    command.requiredOption('--data <dir>', 'data folder of the node').option('--as <user>', 'the user acting', 'admin');

  withNode(dispute.command('list').description('disputes, newest first'))
    .action(async (opts: Common) => {
      const ctx = context();
      const items = await asUser(opts.data, opts.as, (services) => services.disputes.list(1000));
      print(ctx, items.map((d) => line(d, ctx.locale)).join('\n') || noneText(ctx.locale), items);
    });

  withNode(dispute.command('show').description('one dispute with its subject and every step').argument('<id>', 'the dispute id'))
    .action(async (id: string, opts: Common) => {
      const ctx = context();
      const item = await asUser(opts.data, opts.as, (services) => services.disputes.get(id));
      print(ctx, details(item, ctx.locale), item);
    });

  withNode(dispute.command('raise').description('raise a dispute with the other Parties to it'))
    .requiredOption('--title <text>', 'title')
    .requiredOption('--provision <id>', 'a provision concerned, e.g. art-5.4 (repeatable)', collect)
    .requiredOption('--subject <lang=text>', 'what the dispute is about, per language (repeatable)', collect)
    .option('--parties <codes>', 'the Parties to the dispute, comma-separated (default: every Party)')
    .action(async (opts: Common & { title: string; provision: string[]; subject: string[]; parties?: string }) => {
      const ctx = context();
      const subject = textByLanguage('--subject', opts.subject);
      const result = await asUser(opts.data, opts.as, (services, user) => services.disputes.raise(user, {
        title: opts.title, provisions: opts.provision, subject, parties: opts.parties ? listOption(opts.parties) : undefined,
      }));
      print(ctx, line(result, ctx.locale), result);
    });

  withNode(dispute.command('step').description(`take a step: ${disputeStepKinds.join(', ')}`).argument('<id>', 'the dispute id'))
    .requiredOption('--kind <kind>', disputeStepKinds.join(' | '))
    .requiredOption('--text <lang=text>', 'the position, record or outcome, per language (repeatable)', collect)
    .option('--held-on <date>', 'the day a consultation or negotiation round was held (YYYY-MM-DD)')
    .option('--evidence <id>', 'an exchanged object whose ledger evidence package the step cites (repeatable)', collect)
    .action(async (id: string, opts: Common & { kind: string; text: string[]; heldOn?: string; evidence?: string[] }) => {
      const ctx = context();
      if (!(disputeStepKinds as readonly string[]).includes(opts.kind))
        throw new AccordError('bad-request', disputesMessage('stepKind', { kind: opts.kind, kinds: disputeStepKinds.join(', ') }));
      const content = textByLanguage('--text', opts.text);
      const result = await asUser(opts.data, opts.as, (services, user) => services.disputes.step(user, id, {
        kind: opts.kind as DisputeStepKind, content, heldOn: opts.heldOn, evidence: opts.evidence?.map((objectId) => ({ objectId })),
      }));
      print(ctx, details(result, ctx.locale), result);
    });
};
