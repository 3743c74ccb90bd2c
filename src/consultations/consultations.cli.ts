import { writeFileSync } from 'node:fs';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { stixTime } from '../exchange/exchange-objects.js';
import { asUser } from '../exchange/workflow-cli.js';
import { consultationsCalendar } from './consultations.ics.js';
import type { ConsultationView } from './consultations.service.js';

interface Common { data: string; as: string }

function line(c: ConsultationView): string {
  return [c.id, c.kind, c.state, `host ${c.host}`, `${c.localDates.start} – ${c.localDates.end}`, c.terms.place, c.title].join('\t');
}

export const registerCommands: CommandRegistrar = (program, context) => {
  const consultation = program.command('consultation').description('consultations (Art. 5(4)): regular schedule, list, calendar');

  consultation.command('schedule')
    .description('the regular consultations ahead: windows, hosts, what is planned')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--years <n>', 'how many years', '2')
    .action(async (opts: Common & { from?: string; years: string }) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services) => services.consultations.schedule(opts.from, Number(opts.years)));
      print(ctx, result.windows.map((w) => [w.start, w.end, w.host, w.consultation ? `${w.consultation.id} (${w.consultation.state})` : ''].join('\t')).join('\n'), result);
    });

  consultation.command('list')
    .description('consultations in date order')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .action(async (opts: Common) => {
      const ctx = context();
      const items = await asUser(opts.data, opts.as, (services) => services.consultations.list({ limit: 1000 }));
      print(ctx, items.map(line).join('\n') || '(none)', items);
    });

  consultation.command('ics')
    .description('every consultation as an iCalendar (RFC 5545) file')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .option('--out <file>', 'write it here (default: standard output)')
    .action(async (opts: Common & { out?: string }) => {
      const ctx = context();
      const calendar = await asUser(opts.data, opts.as, async (services) =>
        consultationsCalendar(await services.consultations.list({ limit: 10_000 }), stixTime(services.clock.nowMicros()), `Accord consultations (${services.config.node.party})`));
      if (opts.out) writeFileSync(opts.out, calendar);
      else ctx.stdout.write(calendar);
    });
};
