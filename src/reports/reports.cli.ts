import { writeFileSync } from 'node:fs';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { asUser, workflowLabel } from '../exchange/workflow-cli.js';
import { ReportsService } from './reports.service.js';

export { help } from './reports.help.js';

interface ReportOptions { data: string; as: string; from: string; to: string; format: string; out?: string; chromium?: string }

export const registerCommands: CommandRegistrar = (program, context) => {
  program.command('report')
    .description('a report for a period (exchanges, warnings, requests, consultations, with charts), HTML or PDF')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD in this Party\'s time zone) or an RFC 3339 instant')
    .requiredOption('--to <date>', 'last day (inclusive) or an RFC 3339 instant')
    .option('--format <format>', 'html or pdf', 'html')
    .option('--out <file>', 'write the report here (default: standard output)')
    .option('--chromium <path>', 'Chromium for PDF (default: ACCORD_CHROMIUM or Debian\'s /usr/bin/chromium)')
    .action(async (opts: ReportOptions) => {
      const ctx = context();
      const report = await asUser(opts.data, opts.as, (services, user) => new ReportsService({
        database: services.database, clock: services.clock, profile: services.profile, party: services.config.node.party, chromium: opts.chromium ?? process.env.ACCORD_CHROMIUM,
      }).render(user, { from: opts.from, to: opts.to, lang: ctx.locale, format: opts.format }));
      if (opts.out) {
        writeFileSync(opts.out, report.body);
        print(ctx, `${opts.out}\t${report.contentType}\t${workflowLabel('bytes', { count: report.body.length }, ctx.locale)}`, { file: opts.out, contentType: report.contentType, bytes: report.body.length, data: report.data });
      } else if (ctx.json) {
        print(ctx, '', report.data);
      } else {
        ctx.stdout.write(report.body);
      }
    });
};
