import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { formatMicros } from '../clock/timestamp.js';
import { CONSOLE_AUDIENCE, withNode } from '../matching/matching.cli.js';
import { isObservableKind, observableKinds } from './observables/observable.js';

export const registerCommands: CommandRegistrar = (program, context) => {
  const correlation = program
    .command('correlation')
    .description('the correlation index: values shared between objects');
  correlation
    .command('lookup')
    .description('objects carrying a value (an address, domain, URL, hash, …)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--kind <kind>', `the value's kind (${observableKinds.join(', ')}); detected when omitted`)
    .argument('<value>')
    .action(async (value: string, opts: { data: string; kind?: string }) => {
      const ctx = context();
      const kind = isObservableKind(opts.kind) ? opts.kind : undefined;
      const report = await withNode(opts.data, (s) =>
        s.analysis.correlation.valueCorrelations('system', CONSOLE_AUDIENCE, value, kind),
      );
      const lines = report.values.map(
        (v) =>
          `${v.kind}=${v.value}: ${v.related} related${v.tooCommon ? ' (too common)' : ''}${v.excludedBy ? ` (excluded by ${v.excludedBy.pattern})` : ''}${v.warninglists.length ? ` (warninglist: ${v.warninglists.map((h) => h.list).join(', ')})` : ''}`,
      );
      for (const r of report.related)
        lines.push(
          `  ${r.id}  ${r.name ?? ''}  ${r.origin ? `from ${r.origin}` : 'local'}  ${r.shared.map((s) => (s.relation === 'same' ? s.value : `${s.relation} ${s.other ?? ''}`)).join(', ')}`,
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
      print(ctx, `${result.objects} objects indexed, ${result.entries} entries`, result);
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
      print(ctx, `over-correlation limit: ${value}`, { limit: value });
    });
  const exclusions = correlation.command('exclude').description('values and patterns that never correlate');
  exclusions
    .command('add')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--kind <kind>', 'limit the rule to one kind')
    .option('--note <text>', 'why')
    .argument('<pattern>', 'an exact value, a CIDR block, *.domain or /regex/')
    .action(async (pattern: string, opts: { data: string; kind?: string; note?: string }) => {
      const ctx = context();
      const rule = await withNode(opts.data, (s) =>
        s.analysis.correlation.addExclusion('system', {
          kind: isObservableKind(opts.kind) ? opts.kind : null,
          pattern,
          note: opts.note,
        }),
      );
      print(ctx, `exclusion ${rule.id} added`, rule);
    });
  exclusions
    .command('list')
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
    .requiredOption('--data <dir>', 'data folder of the node')
    .argument('<id>')
    .action(async (id: string, opts: { data: string }) => {
      const ctx = context();
      await withNode(opts.data, (s) => s.analysis.correlation.removeExclusion('system', id));
      print(ctx, `exclusion ${id} removed`, { id });
    });
};
