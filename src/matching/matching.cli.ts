import { readFile } from 'node:fs/promises';
import type { CommandRegistrar } from '../cli/program.js';
import { print, type CliContext } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import { openCommandNode } from '../node/command-node.js';
import type { NodeServices } from '../node/node-services.js';
import type { Audience } from '../protection/release-policy.js';
import type { MessageParams } from '../i18n/messages.js';
import { inputFormats, type InputFormat } from './observable-input.js';
import { matchingMessage } from './matching.messages.js';
import { checkShareNeedsRecord, type MatchReport } from './matching.service.js';

/** The node's own operator at the console: what a node user sees. */
export { help } from './matching.help.js';

export const CONSOLE_AUDIENCE: Audience = { kind: 'user', name: 'cli', role: 'admin', authorityRef: null };

export async function withNode<T>(dataDir: string, run: (services: NodeServices) => Promise<T>): Promise<T> {
  const services = await openCommandNode(dataDir);
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function humanReport(ctx: CliContext, report: MatchReport): string {
  const say = (key: Parameters<typeof matchingMessage>[0], params?: MessageParams) => matchingMessage(key, params).text(ctx.locale);
  const lines = [
    say('reportHead', { format: report.format, observations: report.observations, values: report.observables, hits: report.matches.length }),
  ];
  for (const m of report.matches) {
    const values = m.observables
      .map((o) => `${o.kind}=${o.value}${o.count > 1 ? ` ×${o.count}` : ''}`)
      .join(', ');
    const sighting = m.sighting
      ? say('reportSighting', { id: m.sighting.id, status: m.sighting.status }) +
        (m.sighting.sharedWith ? say('reportSharedWith', { party: m.sighting.sharedWith }) : '')
      : '';
    lines.push(
      `  ${m.id}  ${m.name ?? ''}  [TLP:${(m.tlp ?? 'none').toUpperCase()}${m.origin ? say('reportFrom', { party: m.origin }) : ''}]\n    ${values}${sighting}`,
    );
  }
  for (const w of report.warninglisted.slice(0, 50))
    lines.push(
      say('reportWarninglisted', { kind: w.kind, value: w.value, lists: w.warninglists.map((h) => h.title[ctx.locale]).join('; ') }),
    );
  if (report.skipped.count) lines.push(say('reportSkipped', { count: report.skipped.count }));
  if (report.complexPatterns.skipped) lines.push(say('reportComplexSkipped', { count: report.complexPatterns.skipped }));
  return lines.join('\n');
}

export const registerCommands: CommandRegistrar = (program, context) => {
  program
    .command('match')
    .description(
      'match observables (lines, CSV, STIX) or a log file against the node’s indicators; "-" reads stdin',
    )
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--format <format>', `one of ${inputFormats.join(', ')}`, 'auto')
    .option('--record', 'record each hit as a STIX sighting in intel')
    .option('--share', 'with --record: also share each sighting with the indicator’s originating Party')
    .argument('<file>', 'the observables or log to match')
    .action(
      async (file: string, opts: { data: string; format: string; record?: boolean; share?: boolean }) => {
        const ctx = context();
        if (!inputFormats.includes(opts.format as InputFormat))
          throw new AccordError('bad-request', matchingMessage('badFormat', { format: opts.format }));
        const record = opts.record === true;
        const share = opts.share === true;
        checkShareNeedsRecord({ record, share }, { record: '--record', share: '--share' });
        const input = await readInput(file);
        const report = await withNode(opts.data, (services) =>
          services.analysis.matching.match('system', CONSOLE_AUDIENCE, {
            input,
            format: opts.format as InputFormat,
            record,
            share,
            locale: ctx.locale,
          }),
        );
        print(ctx, humanReport(ctx, report), report);
      },
    );
};
