import type { UserPrincipal } from '../auth/principal.js';
import { PartyRecords, recordView, requirePermission, type GovernanceDeps, type RecordSpec, type RecordView } from '../agreement/party-records.js';
import { isRecordDate } from '../agreement/lifecycle.js';
import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { JOINT_ACTIVITY_TYPE } from '../exchange/exchange-ids.js';
import type { activityKinds, activityStatuses, costBearers } from '../exchange/exchange-kinds.js';
import { newExchangeObject, stringProp } from '../exchange/exchange-objects.js';
import { findParty } from '../profile/profile.lookup.js';
import { activitiesMessage } from './activities.messages.js';

/** A joint activity as its recording Party writes it (Art. 3(12–14)). */
export interface ActivityInput {
  readonly title: string;
  readonly description?: string | undefined;
  readonly lang?: string | undefined;
  readonly kind: (typeof activityKinds)[number];
  readonly directions: readonly string[];
  readonly participants: ReadonlyArray<{ party: string; authorityRef?: string | undefined; name?: string | undefined; role?: string | undefined }>;
  readonly startDate: string;
  readonly endDate?: string | undefined;
  readonly status?: (typeof activityStatuses)[number] | undefined;
  /** Default: the profile's rule (each Party bears its own costs). */
  readonly costBearer?: (typeof costBearers)[number] | undefined;
  readonly costArrangement?: string | undefined;
}

export const activitySpec: RecordSpec = {
  kind: 'activity',
  matches: (o) => o.type === JOINT_ACTIVITY_TYPE,
  authorOf: (o) => (typeof o.recording_party === 'string' ? o.recording_party : undefined),
  agreementOf: (o) => (typeof o.agreement === 'string' ? o.agreement : undefined),
  describe: (o) => ({ title: stringProp(o, 'name') ?? '', status: stringProp(o, 'activity_status') ?? '', searchText: [o.name, o.description].filter((v) => typeof v === 'string').join(' ') }),
};

/** Joint activities of the Parties: research, training, exchanges, meetings, conferences, and who bears their costs. */
export class ActivitiesService {
  readonly records: PartyRecords;

  constructor(private readonly deps: GovernanceDeps) {
    this.records = new PartyRecords(deps, activitySpec);
  }

  async list(filter: { party?: string | undefined; status?: string[] | undefined } = {}): Promise<RecordView[]> {
    return (await this.records.list({ ...filter, limit: 10_000 })).map(recordView);
  }

  async get(id: string): Promise<RecordView> {
    return recordView(await this.records.mustFind(id));
  }

  async create(user: UserPrincipal, input: ActivityInput): Promise<RecordView> {
    requirePermission(user, 'activities:write', 'record joint activities');
    const now = this.deps.clock.nowMicros();
    const { createdByRef, markings } = await this.records.common();
    const object = newExchangeObject(JOINT_ACTIVITY_TYPE, now, createdByRef, { ...(await this.properties(input, now)), object_marking_refs: markings });
    return recordView(await this.records.record(user, object));
  }

  /** A new version (status, dates, participants…) by the recording Party only. */
  async update(user: UserPrincipal, id: string, input: ActivityInput): Promise<RecordView> {
    requirePermission(user, 'activities:write', 'record joint activities');
    const properties = await this.properties(input, this.deps.clock.nowMicros());
    return recordView((await this.records.revise(user, id, () => properties)).row);
  }

  private async properties(input: ActivityInput, now: number): Promise<Record<string, unknown>> {
    const { profile, party } = this.deps;
    const details: ErrorDetail[] = [];
    const add = (path: string, message: ReturnType<typeof activitiesMessage>) => details.push({ path, message });
    if (!input.title?.trim()) add('/title', activitiesMessage('missing', { field: 'title' }));
    if (!input.directions?.length) add('/directions', activitiesMessage('missing', { field: 'directions' }));
    (input.directions ?? []).forEach((code, i) => {
      if (!profile.directions.some((d) => d.code === code)) add(`/directions/${i}`, activitiesMessage('unknownDirection', { code, profile: profile.id }));
    });
    if (!input.participants?.length) add('/participants', activitiesMessage('missing', { field: 'participants' }));
    (input.participants ?? []).forEach((p, i) => {
      if (!findParty(profile, p.party)) add(`/participants/${i}/party`, activitiesMessage('notParty', { party: p.party, profile: profile.id }));
    });
    if (!isRecordDate(input.startDate)) add('/startDate', activitiesMessage('badDate', { value: String(input.startDate ?? '') }));
    if (input.endDate !== undefined && !isRecordDate(input.endDate)) add('/endDate', activitiesMessage('badDate', { value: input.endDate }));
    else if (input.endDate && isRecordDate(input.startDate) && input.endDate < input.startDate) add('/endDate', activitiesMessage('endBeforeStart', { start: input.startDate, end: input.endDate }));
    const rule = profile.financing.defaultCostBearer;
    const bearer = input.costBearer ?? rule;
    if (bearer !== rule && !input.costArrangement?.trim()) add('/costArrangement', activitiesMessage('arrangementRequired', { rule }));
    if (details.length) throw new AccordError('validation-failed', activitiesMessage('invalid', { count: details.length }), { details });
    const optional = { description: input.description, lang: input.lang, end_date: input.endDate, cost_arrangement: input.costArrangement };
    return {
      agreement: profile.id, name: input.title.trim(), activity_kind: input.kind, directions: [...input.directions],
      participants: input.participants.map((p) => ({ party: p.party, ...(p.authorityRef ? { authority_ref: p.authorityRef } : {}), ...(p.name ? { name: p.name } : {}), ...(p.role ? { role: p.role } : {}) })),
      start_date: input.startDate, activity_status: input.status ?? 'proposed', cost_bearer: bearer, recording_party: party, profile_version: await this.deps.governingVersion(now),
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== '')),
    };
  }
}

