import type { UserPrincipal } from '../auth/principal.js';
import { PartyRecords, recordView, requirePermission, type GovernanceDeps, type RecordSpec, type RecordView } from '../agreement/party-records.js';
import { isRecordDate } from '../agreement/lifecycle.js';
import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { LEGISLATION_TYPE } from '../exchange/exchange-ids.js';
import type { legislationStatuses } from '../exchange/exchange-kinds.js';
import { newExchangeObject, stringProp } from '../exchange/exchange-objects.js';
import { findParty } from '../profile/profile.lookup.js';
import { legislationMessage } from './legislation.messages.js';

/** A national law or regulation as the sharing Party writes it (Art. 3(8)). */
export interface LegislationInput {
  /** Title per language code, e.g. { zh: '网络安全法', ru: 'Закон о кибербезопасности' }. */
  readonly titles: Readonly<Record<string, string>>;
  readonly summaries?: Readonly<Record<string, string>> | undefined;
  /** Whose law it is; default this node's Party. */
  readonly jurisdiction?: string | undefined;
  readonly kind?: string | undefined;
  readonly adoptedOn?: string | undefined;
  readonly inForceFrom?: string | undefined;
  readonly inForceUntil?: string | undefined;
  readonly status: (typeof legislationStatuses)[number];
  readonly attachmentRefs?: readonly string[] | undefined;
  /** Links to the official text. */
  readonly urls?: readonly string[] | undefined;
}

const texts = (value: unknown): string[] => (value && typeof value === 'object' ? Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string') : []);

export const legislationSpec: RecordSpec = {
  kind: 'legislation',
  matches: (o) => o.type === LEGISLATION_TYPE,
  authorOf: (o) => (typeof o.recording_party === 'string' ? o.recording_party : undefined),
  agreementOf: (o) => (typeof o.agreement === 'string' ? o.agreement : undefined),
  describe: (o) => ({ title: texts(o.titles).join(' / '), status: stringProp(o, 'legislation_status') ?? '', searchText: [...texts(o.titles), ...texts(o.summaries)].join('\n') }),
};

/** The library of national legislation the Parties share, searchable in every language. */
export class LegislationService {
  readonly records: PartyRecords;

  constructor(private readonly deps: GovernanceDeps) {
    this.records = new PartyRecords(deps, legislationSpec);
  }

  /** Records whose titles or summaries (any language) contain every word of `query`. */
  async search(filter: { query?: string | undefined; party?: string | undefined; status?: string[] | undefined } = {}): Promise<RecordView[]> {
    const words = (filter.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return (await this.records.list({ party: filter.party, status: filter.status, words, limit: 10_000 })).map(recordView);
  }

  async get(id: string): Promise<RecordView> {
    return recordView(await this.records.mustFind(id));
  }

  async create(user: UserPrincipal, input: LegislationInput): Promise<RecordView> {
    requirePermission(user, 'legislation:write', 'share legislation');
    const now = this.deps.clock.nowMicros();
    const { createdByRef, markings } = await this.records.common();
    const object = newExchangeObject(LEGISLATION_TYPE, now, createdByRef, { ...(await this.properties(input, now)), object_marking_refs: markings });
    return recordView(await this.records.record(user, object));
  }

  async update(user: UserPrincipal, id: string, input: LegislationInput): Promise<RecordView> {
    requirePermission(user, 'legislation:write', 'share legislation');
    const properties = await this.properties(input, this.deps.clock.nowMicros());
    return recordView((await this.records.revise(user, id, () => properties)).row);
  }

  private async properties(input: LegislationInput, now: number): Promise<Record<string, unknown>> {
    const { profile, party } = this.deps;
    const details: ErrorDetail[] = [];
    const add = (path: string, message: ReturnType<typeof legislationMessage>) => details.push({ path, message });
    const titles = Object.entries(input.titles ?? {}).filter(([, v]) => typeof v === 'string' && v.trim());
    if (!titles.length) add('/titles', legislationMessage('missing', { field: 'titles' }));
    for (const lang of [...Object.keys(input.titles ?? {}), ...Object.keys(input.summaries ?? {})])
      if (!/^[a-z]{2,3}$/.test(lang)) add(`/titles/${lang}`, legislationMessage('badLanguage', { lang }));
    const jurisdiction = input.jurisdiction ?? party;
    if (!findParty(profile, jurisdiction)) add('/jurisdiction', legislationMessage('notParty', { party: jurisdiction, profile: profile.id }));
    for (const [key, value] of [['adoptedOn', input.adoptedOn], ['inForceFrom', input.inForceFrom], ['inForceUntil', input.inForceUntil]] as const)
      if (value !== undefined && !isRecordDate(value)) add(`/${key}`, legislationMessage('badDate', { value }));
    if (isRecordDate(input.inForceFrom) && isRecordDate(input.inForceUntil) && input.inForceUntil < input.inForceFrom)
      add('/inForceUntil', legislationMessage('untilBeforeFrom', { from: input.inForceFrom, until: input.inForceUntil }));
    // Checked here, not only by the API's schema: the CLI's bad link was refused only as the record was sent.
    (input.urls ?? []).forEach((url, i) => {
      if (!URL.canParse(url)) add(`/urls/${i}`, legislationMessage('badUrl', { url }));
    });
    if (details.length) throw new AccordError('validation-failed', legislationMessage('invalid', { count: details.length }), { details });
    const optional: Record<string, unknown> = {
      summaries: input.summaries && Object.keys(input.summaries).length ? { ...input.summaries } : undefined, legislation_kind: input.kind,
      adopted_on: input.adoptedOn, in_force_from: input.inForceFrom, in_force_until: input.inForceUntil,
      attachment_refs: input.attachmentRefs?.length ? [...input.attachmentRefs] : undefined,
      external_references: input.urls?.length ? input.urls.map((url) => ({ source_name: 'official-text', url })) : undefined,
    };
    return {
      agreement: profile.id, titles: Object.fromEntries(titles.map(([k, v]) => [k, v.trim()])), jurisdiction, legislation_status: input.status,
      recording_party: party, profile_version: await this.deps.governingVersion(now),
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== '')),
    };
  }
}
