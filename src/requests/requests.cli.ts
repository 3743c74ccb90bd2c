import { Option } from 'commander';
import type { CommandRegistrar } from '../cli/program.js';
import { print } from '../cli/cli-context.js';
import { AccordError } from '../errors/errors.js';
import type { AssistanceKind, StepKind } from '../exchange/exchange-kinds.js';
import { asUser, collect, deadlineText, listOption, nextActionText, noneText, stateList, wholeNumber, workflowLabel } from '../exchange/workflow-cli.js';
import type { Locale } from '../i18n/locale.js';
import type { Urgency } from '../profile/profile.schema.js';
import { TLP_LEVELS, type TlpLevel } from '../stix/tlp.js';
import type { RequestDetail, RequestSummary } from './request-views.js';
import { requestsMessage } from './requests.messages.js';
import { requestDirections, requestStates } from './requests.tables.js';

export { help } from './requests.help.js';

function line(r: RequestSummary, locale: Locale): string {
  const next = nextActionText(r.nextAction, locale);
  return [r.id, r.direction, r.state, r.urgency, r.direction === 'sent' ? `→ ${r.addresseeParty}` : `← ${r.requesterParty}`, r.title, next].join('\t');
}

function detail(r: RequestDetail, locale: Locale): string {
  return [
    line(r, locale),
    ...r.deadlines.map((d) => deadlineText(d, locale)),
    ...r.steps.map((s) => `  ${s.at} ${workflowLabel('stepBy', { kind: s.kind, party: s.party ?? '' }, locale)}${s.content ? `: ${s.content}` : ''}${s.reasons.length ? ` (${workflowLabel('reasons', { reasons: s.reasons.join('; ') }, locale)})` : ''}`),
  ].join('\n');
}

interface Common { data: string; as: string }

/** The API's bounds for a page of requests. */
const MAX_LIMIT = 500;

const limitOption = (value: string): number => wholeNumber(value, 1, MAX_LIMIT, () => new AccordError('bad-request', requestsMessage('badLimit', { max: MAX_LIMIT })));
const states = (value: string | undefined): string[] =>
  stateList(value, requestStates, (state) => new AccordError('bad-request', requestsMessage('badState', { state, known: requestStates.join(', ') })));

/** CLI verbs for the steps a Party takes on a request. */
const verbs: ReadonlyArray<{ verb: string; kind: StepKind; description: string }> = [
  { verb: 'accept', kind: 'acceptance', description: 'accept a request made to this Party' },
  { verb: 'decline', kind: 'declination', description: 'decline a request made to this Party (--reason, repeatable, required)' },
  { verb: 'respond', kind: 'interim-response', description: 'send an interim response (--text)' },
  { verb: 'clarify', kind: 'clarification-request', description: 'ask the other Party for clarification (--text)' },
  { verb: 'explain', kind: 'clarification-answer', description: 'answer the other Party\'s clarification request (--text)' },
  { verb: 'answer', kind: 'answer', description: 'answer a request made to this Party (--text)' },
  { verb: 'close', kind: 'closure', description: 'close a request this Party made' },
];

export const registerCommands: CommandRegistrar = (program, context) => {
  const request = program.command('request').description('requests for assistance to and from the other Parties');

  request.command('submit')
    .description('submit a request for assistance to another Party')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .requiredOption('--to <party>', 'the requested Party (e.g. RU)')
    .requiredOption('--title <text>', 'title')
    .requiredOption('--basis <provisions>', 'legal basis: provision ids, comma-separated (e.g. art-3.5)')
    .requiredOption('--threat <code>', 'threat category of the agreement profile')
    .requiredOption('--facts <text>', 'the facts')
    .requiredOption('--assist <kinds>', 'preserve-logs, analyse-sample, identify-infrastructure, block-c2, comma-separated')
    .option('--other <text>', 'other assistance, described (repeatable)', collect)
    .option('--urgency <level>', 'urgent, priority or routine', 'routine')
    .option('--respond-by <date>', 'requested response date (YYYY-MM-DD or RFC 3339)')
    .option('--related <ids>', 'related STIX object ids, comma-separated')
    // An unknown level would only be refused, obscurely, by the STIX validator as the request is sent.
    .addOption(new Option('--tlp <level>', 'TLP level').choices(TLP_LEVELS).default('amber'))
    .action(async (opts: Common & { to: string; title: string; basis: string; threat: string; facts: string; assist: string; other?: string[]; urgency: string; respondBy?: string; related?: string; tlp: string }) => {
      const ctx = context();
      const assistance = [...listOption(opts.assist).map((kind) => ({ kind: kind as AssistanceKind })), ...(opts.other ?? []).map((details) => ({ kind: 'other' as const, details }))];
      const result = await asUser(opts.data, opts.as, (services, user) => services.requests.submit(user, {
        title: opts.title, addressee: opts.to, legalBasis: listOption(opts.basis), threatCategory: opts.threat, facts: opts.facts, assistance,
        urgency: opts.urgency as Urgency, respondBy: opts.respondBy, relatedRefs: listOption(opts.related), tlp: opts.tlp as TlpLevel,
      }));
      print(ctx, detail(result, ctx.locale), result);
    });

  for (const { verb, kind, description } of verbs) {
    request.command(verb)
      .description(description)
      .requiredOption('--data <dir>', 'data folder of the node')
      .option('--as <user>', 'the user acting', 'admin')
      .option('--text <text>', 'the text of the step')
      .option('--reason <text>', 'a reason (repeatable)', collect)
      .option('--related <ids>', 'related STIX object ids, comma-separated')
      .argument('<id>', 'the request id')
      .action(async (id: string, opts: Common & { text?: string; reason?: string[]; related?: string }) => {
        const ctx = context();
        const result = await asUser(opts.data, opts.as, (services, user) => services.requests.step(user, id, { kind, content: opts.text, reasons: opts.reason, relatedRefs: listOption(opts.related) }));
        print(ctx, detail(result, ctx.locale), result);
      });
  }

  request.command('show')
    .description('one request with deadlines and every step')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .argument('<id>', 'the request id')
    .action(async (id: string, opts: Common) => {
      const ctx = context();
      const result = await asUser(opts.data, opts.as, (services, user) => services.requests.get(user, id));
      print(ctx, detail(result, ctx.locale), result);
    });

  request.command('list')
    .description('requests made and received, most recently changed first')
    .requiredOption('--data <dir>', 'data folder of the node')
    .option('--as <user>', 'the user acting', 'admin')
    .option('--state <states>', 'comma-separated states')
    .addOption(new Option('--direction <dir>', 'sent or received').choices(requestDirections))
    .option('--party <code>', 'only requests this Party made or was asked (a Party code, e.g. RU)')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: Common & { state?: string; direction?: string; party?: string; limit: string }) => {
      const ctx = context();
      const filter = { state: states(opts.state), direction: opts.direction, party: opts.party, limit: limitOption(opts.limit) };
      const result = await asUser(opts.data, opts.as, (services, user) => services.requests.list(user, filter));
      print(ctx, result.items.map((x) => line(x, ctx.locale)).join('\n') || noneText(ctx.locale), result.items);
    });
};
