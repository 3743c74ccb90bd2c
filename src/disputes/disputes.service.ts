import type { UserPrincipal } from '../auth/principal.js';
import { can } from '../auth/roles.js';
import type { ConsultationsDeps } from '../consultations/consultations.service.js';
import { checkParties } from '../consultations/consultation-objects.js';
import { findDispute, listDisputes, saveDispute, type DisputeRow } from '../consultations/consultations.repository.js';
import { AccordError } from '../errors/errors.js';
import { DISPUTE_STEP_TYPE, DISPUTE_TYPE } from '../exchange/exchange-ids.js';
import type { DisputeStepKind } from '../exchange/exchange-kinds.js';
import { micros, newExchangeObject, stixTime, stringList, stringProp, tlpMarking } from '../exchange/exchange-objects.js';
import { buildEvidence } from '../ledger/evidence.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { canonicalJson, sha256Hex, type StixObject } from '../objects/object-row.js';
import { isLegalDate } from '../profile/legal-time.js';
import { findParty, findProvision } from '../profile/profile.lookup.js';
import { disputesMessage } from './disputes.messages.js';

export interface RaiseInput {
  readonly title: string;
  readonly provisions: string[];
  readonly parties?: string[] | undefined;
  readonly subject: Record<string, string>;
}

export interface DisputeStepInput {
  readonly kind: DisputeStepKind;
  readonly content: Record<string, string>;
  readonly heldOn?: string | undefined;
  /** Objects whose ledger evidence packages the step cites. */
  readonly evidence?: Array<{ objectId: string; description?: string | undefined }> | undefined;
}

export interface DisputeStep {
  readonly id: string;
  readonly kind: DisputeStepKind;
  readonly party: string;
  readonly actor: string;
  readonly at: string;
  readonly content: Record<string, string>;
  readonly heldOn: string | null;
  readonly evidence: Array<{ objectRef: string; packageHash: string; description: string | null }>;
}

export interface DisputeRecord {
  readonly title: string;
  readonly provisions: string[];
  readonly raisingParty: string;
  /** The profile version (agreement or protocol) in force when the dispute was raised. */
  readonly governingVersion?: string;
  readonly parties: string[];
  readonly subject: Record<string, string>;
  readonly state: 'open' | 'settled';
  readonly outcome: Record<string, string> | null;
  readonly steps: DisputeStep[];
}

export type DisputeView = DisputeRecord & { readonly id: string; readonly created: string };

const TLP = 'green' as const;

function stepOf(object: StixObject, party: string, actor: string): DisputeStep {
  const evidence = Array.isArray(object.evidence) ? (object.evidence as Array<Record<string, unknown>>) : [];
  return {
    id: object.id, kind: object.step_kind as DisputeStepKind, party, actor, at: String(object.created), content: (object.content ?? {}) as Record<string, string>,
    heldOn: stringProp(object, 'held_on') ?? null,
    evidence: evidence.map((e) => ({ objectRef: String(e.object_ref), packageHash: String(e.package_hash), description: typeof e.description === 'string' ? e.description : null })),
  };
}

/** Disputes on the interpretation or application of the agreement, settled step by step between the Parties. */
export class DisputesService {
  constructor(private readonly deps: ConsultationsDeps) {}

  private require(user: UserPrincipal, action: string): void {
    if (!can(user.role, 'disputes:write')) throw new AccordError('forbidden', disputesMessage('permission', { role: user.role, action }));
  }

  private async mustFind(id: string): Promise<DisputeRow> {
    const row = await findDispute(this.deps.database.db, id);
    if (!row) throw new AccordError('not-found', disputesMessage('notFound', { id }));
    return row;
  }

  private checkText(text: Record<string, string>): void {
    if (Object.values(text).filter((t) => t.trim()).length === 0) throw new AccordError('bad-request', disputesMessage('noText'));
  }

  /** Raises a dispute with the other Parties to it. */
  async raise(user: UserPrincipal, input: RaiseInput): Promise<DisputeView> {
    this.require(user, 'raise');
    const { profile, party, clock } = this.deps;
    const parties = input.parties ?? profile.parties.map((p) => p.code);
    checkParties(profile, parties);
    if (!parties.includes(party)) throw new AccordError('bad-request', disputesMessage('notParty', { party, id: '—' }));
    for (const id of input.provisions) if (!findProvision(profile, id)) throw new AccordError('bad-request', disputesMessage('unknownProvision', { id, profile: profile.id }));
    this.checkText(input.subject);
    const now = clock.nowMicros();
    const object = newExchangeObject(DISPUTE_TYPE, now, await this.deps.authorityRef(), {
      ...(await this.deps.sender.governingStamp(now)), agreement: profile.id, name: input.title, provisions: input.provisions, raising_party: party, parties, subject: input.subject, object_marking_refs: tlpMarking(TLP),
    });
    await this.deps.sender.send([object], parties.filter((p) => p !== party), user);
    this.publish('raised', await this.store(object));
    return this.get(object.id);
  }

  private async store(object: StixObject): Promise<DisputeRow> {
    const record: DisputeRecord = {
      title: stringProp(object, 'name') ?? '', provisions: stringList(object.provisions), raisingParty: stringProp(object, 'raising_party') ?? '', parties: stringList(object.parties),
      subject: (object.subject ?? {}) as Record<string, string>, state: 'open', outcome: null, steps: [],
      ...(typeof object.profile_version === 'string' ? { governingVersion: object.profile_version } : {}),
    };
    const row: DisputeRow = {
      id: object.id, state: 'open', raisingParty: record.raisingParty, title: record.title, createdUs: micros(object.created), updatedUs: this.deps.clock.nowMicros(), record: JSON.stringify(record),
    };
    await saveDispute(this.deps.database.db, row);
    return row;
  }

  private refusal(id: string, record: DisputeRecord, party: string): AccordError | undefined {
    if (!record.parties.includes(party)) return new AccordError('forbidden', disputesMessage('notParty', { party, id }));
    const outcome = record.steps.find((s) => s.kind === 'outcome');
    if (record.state === 'settled') return new AccordError('conflict', disputesMessage('settled', { id, at: outcome?.at ?? '' }));
    return undefined;
  }

  /** Takes a step for this node's Party: position, a round of consultation or negotiation, diplomatic channels, evidence, outcome. */
  async step(user: UserPrincipal, id: string, input: DisputeStepInput): Promise<DisputeView> {
    this.require(user, input.kind);
    const { party, clock, database } = this.deps;
    const row = await this.mustFind(id);
    const record = JSON.parse(row.record) as DisputeRecord;
    const refusal = this.refusal(id, record, party);
    if (refusal) throw refusal;
    this.checkText(input.content);
    // The STIX schema checks only the shape, so 2027-02-30 would go into both Parties' records.
    if (input.heldOn !== undefined && !isLegalDate(input.heldOn)) throw new AccordError('bad-request', disputesMessage('badDate', { value: input.heldOn }));
    if (input.kind === 'evidence' && !input.evidence?.length) throw new AccordError('bad-request', disputesMessage('noEvidence'));
    const evidence = [];
    for (const item of input.evidence ?? []) {
      const pack = await buildEvidence(database, party, item.objectId, new Date(clock.nowMicros() / 1000));
      if (pack.versions.length === 0 && pack.ledger.length === 0) throw new AccordError('bad-request', disputesMessage('noExchange', { id: item.objectId }));
      evidence.push({ object_ref: item.objectId, package_hash: sha256Hex(canonicalJson(pack)), ...(item.description ? { description: item.description } : {}) });
    }
    const object = newExchangeObject(DISPUTE_STEP_TYPE, clock.nowMicros(), await this.deps.authorityRef(), {
      dispute_ref: id, step_kind: input.kind, acting_party: party, acted_by: user.name, content: input.content,
      ...(input.heldOn ? { held_on: input.heldOn } : {}), ...(evidence.length ? { evidence } : {}), object_marking_refs: tlpMarking(TLP),
    });
    await this.deps.sender.send([object], record.parties.filter((p) => p !== party), user);
    await this.apply(row, object, party, user.name);
    return this.get(id);
  }

  /** Records a step; false when it was already recorded (objects may come twice). */
  private async apply(row: DisputeRow, object: StixObject, party: string, actor: string): Promise<boolean> {
    const record = JSON.parse(row.record) as DisputeRecord;
    if (record.steps.some((s) => s.id === object.id)) return false;
    const step = stepOf(object, party, actor);
    const settled = step.kind === 'outcome';
    const next: DisputeRecord = { ...record, steps: [...record.steps, step], state: settled ? 'settled' : 'open', outcome: settled ? step.content : record.outcome };
    const saved = { ...row, state: next.state, updatedUs: this.deps.clock.nowMicros(), record: JSON.stringify(next) };
    await saveDispute(this.deps.database.db, saved);
    this.publish(settled ? 'settled' : 'step', saved, { step: step.kind, party });
    return true;
  }

  private publish(change: string, row: DisputeRow, data: Record<string, unknown> = {}): void {
    this.deps.events.publish({
      type: `dispute.${change}`,
      at: stixTime(this.deps.clock.nowMicros()),
      object: { id: row.id, type: DISPUTE_TYPE, tlp: TLP, originParty: row.raisingParty === this.deps.party ? null : row.raisingParty, markingRefs: [TLP2_MARKING_IDS[TLP]] },
      data: { id: row.id, state: row.state, ...data },
    });
  }

  readonly disputeArrived = async (object: StixObject, from: string): Promise<void> => {
    const { profile, party, database, logger } = this.deps;
    const parties = stringList(object.parties);
    const why = object.agreement !== profile.id ? 'another agreement' : object.raising_party !== from ? 'raising_party is not the sender'
      : !findParty(profile, from) ? `${from} is not a Party` : !parties.includes(party) ? `${party} is not a Party to it` : undefined;
    if (why) return logger.warn({ id: object.id, from, why }, 'dispute ignored');
    if (await findDispute(database.db, object.id)) return;
    const row = await this.store(object);
    this.publish('raised', row, { from });
    await this.deps.notifications.notify([{ kind: 'dispute.raised', subjectKind: 'dispute', subjectId: row.id, permission: 'disputes:write', params: { party: from, title: row.title } }]);
  };

  readonly stepArrived = async (object: StixObject, from: string): Promise<void> => {
    const id = stringProp(object, 'dispute_ref') ?? '';
    const row = await findDispute(this.deps.database.db, id);
    if (!row || object.acting_party !== from) return this.deps.logger.warn({ id: object.id, from }, 'dispute step ignored: unknown dispute or not the sender\'s step');
    const refusal = this.refusal(id, JSON.parse(row.record) as DisputeRecord, from);
    if (refusal) return this.deps.logger.warn({ id: object.id, from, why: refusal.message }, 'dispute step ignored');
    if (await this.apply(row, object, from, `peer:${from}`))
      await this.deps.notifications.notify([{ kind: 'dispute.step', subjectKind: 'dispute', subjectId: id, permission: 'disputes:write', params: { party: from, title: row.title, step: String(object.step_kind) } }]);
  };

  async list(limit = 100): Promise<DisputeView[]> {
    return (await listDisputes(this.deps.database.db, limit)).map(disputeView);
  }

  async get(id: string): Promise<DisputeView> {
    return disputeView(await this.mustFind(id));
  }
}

function disputeView(row: DisputeRow): DisputeView {
  return { id: row.id, created: stixTime(row.createdUs), ...(JSON.parse(row.record) as DisputeRecord) };
}
