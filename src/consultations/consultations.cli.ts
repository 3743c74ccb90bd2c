import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { stixTime } from '../exchange/exchange-objects.js';
import { asUser, listOption, noneText, workflowLabel } from '../exchange/workflow-cli.js';
import type { Locale } from '../i18n/locale.js';
import { consultationKinds, type ConsultationStepKind } from '../exchange/exchange-kinds.js';
import { consultationsCalendar } from './consultations.ics.js';
import type { ConsultationView } from './consultations.service.js';

export { help } from './consultations.help.js';

interface Common { data: string; as: string }

function line(c: ConsultationView, locale: Locale): string {
  return [c.id, c.kind, c.state, workflowLabel('host', { party: c.host }, locale), `${c.localDates.start} – ${c.localDates.end}`, c.terms.place, c.title].join('\t');
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
      print(ctx, items.map((c) => line(c, ctx.locale)).join('\n') || noneText(ctx.locale), items);
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

  consultation.command('propose')
    .description('propose consultations to the other Parties (regular ones must fit the schedule)')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    // A misspelt "regular" must not become an extraordinary consultation outside the schedule.
    .addOption(new Option('--kind <kind>', 'regular or extraordinary').choices(consultationKinds).default('extraordinary'))
    .requiredOption('--title <text>', 'title')
    .requiredOption('--starts <instant>', 'start, RFC 3339 UTC')
    .requiredOption('--ends <instant>', 'end, RFC 3339 UTC')
    .requiredOption('--place <text>', 'venue')
    .option('--zone <tz>', 'IANA time zone of the venue (default: the host Party\'s)')
    .option('--host <party>', 'host Party')
    .requiredOption('--agenda <item>', 'an agenda item (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--related <ids>', 'STIX ids the first agenda item is about, comma-separated')
    .action(async (opts: Common & { kind: (typeof consultationKinds)[number]; title: string; starts: string; ends: string; place: string; zone?: string; host?: string; agenda: string[]; related?: string }) => {
      const ctx = context();
      const agenda = opts.agenda.map((title, i) => ({ title, ...(i === 0 && opts.related ? { relatedRefs: listOption(opts.related) } : {}) }));
      const result = await asUser(opts.data, opts.as, (services, user) => services.consultations.propose(user, {
        kind: opts.kind, title: opts.title, startsAt: opts.starts, endsAt: opts.ends, place: opts.place, timeZone: opts.zone, host: opts.host, agenda,
      }));
      print(ctx, line(result, ctx.locale), result);
    });

  const verbs: ReadonlyArray<{ verb: string; kind: ConsultationStepKind; description: string }> = [
    { verb: 'accept', kind: 'acceptance', description: 'accept the current terms of a consultation' },
    { verb: 'approve', kind: 'minutes-approval', description: 'approve the minutes another Party recorded' },
    { verb: 'cancel', kind: 'cancellation', description: 'cancel a consultation not yet held' },
  ];
  for (const { verb, kind, description } of verbs) {
    consultation.command(verb)
      .description(description)
      .requiredOption('--data <dir>', 'data folder of the node')
      .option('--as <user>', 'the user acting', 'admin')
      .option('--comment <text>', 'a comment')
      .argument('<id>', 'the consultation id')
      .action(async (id: string, opts: Common & { comment?: string }) => {
        const ctx = context();
        const result = await asUser(opts.data, opts.as, (services, user) => services.consultations.step(user, id, { kind, comment: opts.comment }));
        print(ctx, line(result, ctx.locale), result);
      });
  }
};
