import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print, sayer } from '../cli/cli-context.js';
import { formatMicros } from '../clock/timestamp.js';
import { CONSOLE_AUDIENCE, withNode } from '../matching/matching.cli.js';
import { correlationMessage } from './correlation.messages.js';
import { observableKinds, type ObservableKind } from './observables/observable.js';

export { help } from './correlation.help.js';

const say = sayer(correlationMessage);

/** A --kind that refuses a misspelt kind: ignoring it would widen a lookup or an exclusion to every kind. */
const kindOption = (description: string): Option => new Option('--kind <kind>', description).choices(observableKinds);

export const registerCommands: CommandRegistrar = (program, context) => {
  const correlation = program
    .command('correlation')
    .description('the correlation index: values shared between objects');
  correlation
    .command('lookup')
    .description('objects carrying a value (an address, domain, URL, hash, …)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .addOption(kindOption("the value's kind; detected when omitted"))
    .argument('<value>', 'the value to look up')
    .action(async (value: string, opts: { data: string; kind?: ObservableKind }) => {
      const ctx = context();
      const report = await withNode(opts.data, (s) =>
        s.analysis.correlation.valueCorrelations('system', CONSOLE_AUDIENCE, value, opts.kind),
      );
      const lines = report.values.map(
        (v) =>
          say(ctx, 'valueLine', { kind: v.kind, value: v.value, count: v.related }) +
          (v.tooCommon ? say(ctx, 'tooCommon') : '') +
          (v.excludedBy ? say(ctx, 'excludedBy', { pattern: v.excludedBy.pattern }) : '') +
          (v.warninglists.length ? say(ctx, 'onWarninglist', { lists: v.warninglists.map((h) => h.list).join(', ') }) : ''),
      );
      for (const r of report.related)
        lines.push(
          `  ${r.id}  ${r.name ?? ''}  ${r.origin ? say(ctx, 'fromParty', { party: r.origin }) : say(ctx, 'local')}  ${r.shared.map((s) => (s.relation === 'same' ? s.value : `${s.relation} ${s.other ?? ''}`)).join(', ')}`,
        );
      print(ctx, lines.join('\n'), report);
    });
  correlation
    .command('rebuild')
    .description('rebuild the correlation index from the store')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const result = await withNode(opts.data, (s) => s.analysis.correlation.rebuild('system'));
      print(ctx, say(ctx, 'rebuilt', { objects: result.objects, entries: result.entries }), result);
    });
  correlation
    .command('limit')
    .description('show or set the over-correlation limit (then rebuild to apply it to indexed values)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('[limit]', 'a whole number from 2 to 100000')
    .action(async (limit: string | undefined, opts: { data: string }) => {
      const ctx = context();
      const value = await withNode(opts.data, async (s) => {
        if (limit !== undefined) await s.analysis.correlation.setLimit('system', Number(limit));
        return s.analysis.correlation.limit();
      });
      print(ctx, say(ctx, 'limitIs', { limit: value }), { limit: value });
    });
  const exclusions = correlation.command('exclude').description('values and patterns that never correlate');
  exclusions
    .command('add')
    .description('never correlate a value or pattern')
    .requiredOption('--data <dir>', 'data folder of the node')
    .addOption(kindOption('limit the rule to one kind'))
    .option('--note <text>', 'why')
    .argument('<pattern>', 'an exact value, a CIDR block, *.domain or /regex/')
    .action(async (pattern: string, opts: { data: string; kind?: ObservableKind; note?: string }) => {
      const ctx = context();
      const rule = await withNode(opts.data, (s) =>
        s.analysis.correlation.addExclusion('system', {
          kind: opts.kind ?? null,
          pattern,
          note: opts.note,
        }),
      );
      print(ctx, say(ctx, 'exclusionAdded', { id: rule.id }), rule);
    });
  exclusions
    .command('list')
    .description('the exclusions, with kind, pattern, date and note')
    .requiredOption('--data <dir>', 'data folder of the node')
    .action(async (opts: { data: string }) => {
      const ctx = context();
      const rows = await withNode(opts.data, (s) => s.analysis.correlation.listExclusions());
      print(
        ctx,
        rows
          .map(
            (r) => `${r.id}\t${r.kind ?? '*'}\t${r.pattern}\t${formatMicros(r.createdUs)}\t${r.note ?? ''}`,
          )
          .join('\n'),
        rows,
      );
    });
  exclusions
    .command('remove')
    .description('correlate a value or pattern again')
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<id>', 'the exclusion id')
    .action(async (id: string, opts: { data: string }) => {
      const ctx = context();
      await withNode(opts.data, (s) => s.analysis.correlation.removeExclusion('system', id));
      print(ctx, say(ctx, 'exclusionRemoved', { id }), { id });
    });
};
