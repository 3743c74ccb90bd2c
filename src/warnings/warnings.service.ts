import { randomUUID } from 'node:crypto';
import type { UserPrincipal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import { deadlineView } from '../deadlines/deadlines.service.js';
import { AccordError } from '../errors/errors.js';
import { ASSESSMENT_EXTENSION_ID, EARLY_WARNING_TYPE, WARNING_ACK_TYPE } from '../exchange/exchange-ids.js';
import { languageContent, micros, newExchangeObject, nextVersion, stringList, tlpMarking } from '../exchange/exchange-objects.js';
import { historyOf } from '../exchange/workflow-history.repository.js';
import { isLocale } from '../i18n/locale.js';
import { latestOf } from '../objects/objects.repository.js';
import { canonicalJson, type StixObject } from '../objects/object-row.js';
import { audienceOf } from '../protection/release.service.js';
import { checkPartyFilter } from '../profile/party-filter.js';
import type { TlpLevel } from '../stix/tlp.js';
import { checkWarningInput, draftOfObject, warningObject, warningProperties, type Translation, type WarningDraft, type WarningInput } from './warning-objects.js';
import { isEnded } from './warning-lifecycle.js';
import { ACK_RULE, WarningRecords, warningFacts, type WarningsDeps } from './warning-records.js';
import {
  assessmentView, detailOf, historyView, translationViews, warningSummary, type AssessmentView, type TranslationView, type WarningDetail, type WarningSummary,
} from './warning-views.js';
import { warningsMessage } from './warnings.messages.js';
import {
  assessmentsOf, findWarning, insertWarning, listWarnings, partiesOf, replaceWarningParties, updateWarningParty, upsertAssessment, type WarningFilter, type WarningRow,
} from './warnings.repository.js';

export const agreements = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;
export type Agreement = (typeof agreements)[number];

/** One Party's assessment of a warning, as its author writes it. */
export interface AssessmentInput {
  readonly agreement: Agreement;
  readonly confidence?: number | undefined;
  readonly explanation?: string | undefined;
  readonly actionsTaken?: readonly string[] | undefined;
  readonly note?: string | undefined;
}

export type WarningUpdate = Partial<WarningInput>;

/** Early warnings: drafting, sending, acknowledging, assessing, updating, withdrawing and closing. */
export class WarningsService {
  private readonly records: WarningRecords;

  constructor(private readonly deps: WarningsDeps) {
    this.records = new WarningRecords(deps);
  }

  /** The shared record helper (peer arrivals use the same one). */
  get recordKeeper(): WarningRecords {
    return this.records;
  }

  private require(user: UserPrincipal, permission: Permission, action: string): void {
    if (!can(user.role, permission)) throw new AccordError('forbidden', warningsMessage('permission', { role: user.role, action }));
  }

  private defaultLang(user: UserPrincipal): string {
    const own = this.deps.profile.parties.find((p) => p.code === this.deps.party)?.defaultLocale;
    return isLocale(user.locale) ? user.locale : (own ?? 'en');
  }

  /** Creates a draft (and sends it at once when `send`). */
  async create(user: UserPrincipal, input: WarningInput, options: { send?: boolean } = {}): Promise<WarningDetail> {
    this.require(user, 'warnings:send', 'send');
    const { profile, party, clock, database } = this.deps;
    const draft = checkWarningInput(profile, party, input, this.defaultLang(user));
    const id = `${EARLY_WARNING_TYPE}--${randomUUID()}`;
    const now = clock.nowMicros();
    await database.db.transaction().execute(async (trx) => {
      await insertWarning(trx, {
        id, direction: 'sent', senderParty: party, state: 'draft', severity: draft.severity, threatCategory: draft.threatCategory, title: draft.title,
        lang: draft.lang, tlp: draft.tlp, addressees: JSON.stringify(draft.addressees), draft: JSON.stringify(draft), versionUs: null, sentUs: null,
        deliveredUs: null, acknowledgedUs: null, assessedUs: null, closedUs: null, withdrawnUs: null, createdBy: user.name, createdUs: now, updatedUs: now,
        nextAction: null, actionParty: null, actionAuthority: null, actionDueUs: null,
      }, this.partyRows(id, draft));
      const row = await this.records.lock(trx, id);
      if (row) await this.records.refresh(trx, row);
      await this.records.history(trx, [{ subjectId: id, atUs: now, kind: 'drafted', party, actor: user.name, objectId: null, objectVersionUs: null, detail: null }]);
    });
    const row = await this.mustFind(id);
    this.records.publish('drafted', row);
    return options.send ? this.send(user, id) : this.get(user, id);
  }

  private partyRows(id: string, draft: WarningDraft) {
    return draft.addressees.map((a) => ({
      warningId: id, party: a.party, authorityRef: a.authorityRef ?? null, state: 'pending' as const, deliveredUs: null, acknowledgedUs: null, ackObjectId: null, acknowledgedBy: null,
    }));
  }

  private async mustFind(id: string): Promise<WarningRow> {
    const row = await findWarning(this.deps.database.db, id);
    if (!row) throw new AccordError('not-found', warningsMessage('notFound', { id }));
    return row;
  }

  /** Sends a draft to its addressees: the first version of the STIX object goes to each addressee's outbox. */
  async send(user: UserPrincipal, id: string): Promise<WarningDetail> {
    this.require(user, 'warnings:send', 'send');
    const row = await this.mustFind(id);
    if (row.direction !== 'sent') throw new AccordError('forbidden', warningsMessage('notSender', { id, party: row.senderParty, action: 'send' }));
    if (row.state !== 'draft' || !row.draft) throw new AccordError('conflict', warningsMessage('notDraft', { id }));
    const draft = JSON.parse(row.draft) as WarningDraft;
    const { clock, profile, party } = this.deps;
    const authorityRef = await this.deps.authorityRef();
    const now = clock.nowMicros();
    const object = warningObject(id, draft, profile.id, party, authorityRef, now, await this.deps.sender.governingStamp(now));
    const translations = this.translationObject(object, draft.translations ?? [], authorityRef, now, draft.tlp);
    const parties = draft.addressees.map((a) => a.party);
    const related = await this.relatedToShare(draft.relatedRefs ?? [], parties);
    await this.deps.sender.send([...related, object, ...translations], parties, user);
    const sentUs = micros(object.created);
    await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, id);
      if (!locked) return;
      for (const p of parties) await updateWarningParty(trx, id, p, { state: 'sent' });
      const updated = await this.records.refresh(trx, locked, { state: 'sent', draft: null, versionUs: sentUs, sentUs });
      for (const p of parties) await this.records.scheduleAck(trx, updated, p);
      await this.records.history(trx, [
        { subjectId: id, atUs: now, kind: 'sent', party, actor: user.name, objectId: id, objectVersionUs: sentUs, detail: JSON.stringify({ to: parties }) },
        ...translations.map((t) => ({ subjectId: id, atUs: now, kind: 'translated', party, actor: user.name, objectId: t.id, objectVersionUs: micros(t.modified), detail: null })),
      ]);
    });
    this.records.publish('sent', await this.mustFind(id), { to: parties });
    return this.get(user, id);
  }

  private translationObject(target: StixObject, translations: readonly Translation[], authorityRef: string, now: number, tlp: TlpLevel): StixObject[] {
    const contents: Record<string, Record<string, string>> = {};
    for (const t of translations) contents[t.lang] = { ...(t.title ? { name: t.title } : {}), ...(t.description ? { description: t.description } : {}) };
    return Object.keys(contents).length ? [languageContent(target, authorityRef, now, contents, tlpMarking(tlp))] : [];
  }

  /**
   * Related objects this node holds go along with the warning when they may go to every
   * addressee; one an addressee sent us itself stays behind (it has it); any other refusal stops the send.
   */
  private async relatedToShare(refs: readonly string[], parties: readonly string[]): Promise<StixObject[]> {
    if (refs.length === 0) return [];
    const rows = await latestOf(this.deps.database.db, refs);
    const decide = await this.deps.release.decider();
    const share: StixObject[] = [];
    for (const row of rows) {
      const facts = { id: row.id, type: row.type, tlp: row.tlp, originParty: row.originParty, markingRefs: row.markingRefs ? (JSON.parse(row.markingRefs) as string[]) : [], hasGranular: row.hasGranular === 1 };
      if (parties.every((p) => row.originParty === p)) continue;
      for (const p of parties) {
        const decision = decide(facts, { kind: 'peer', party: p });
        if (!decision.allow) throw new AccordError('release-denied', warningsMessage('relatedRefused', { id: row.id, party: p, rule: decision.rule }));
      }
      share.push(JSON.parse(row.body) as StixObject);
    }
    return share;
  }

  /** The latest STIX version of a warning this node holds. */
  private async latestObject(id: string): Promise<StixObject | undefined> {
    const [row] = await latestOf(this.deps.database.db, [id]);
    return row ? (JSON.parse(row.body) as StixObject) : undefined;
  }

  private async mustBeSendersActive(user: UserPrincipal, id: string, action: string): Promise<{ row: WarningRow; object: StixObject }> {
    const row = await this.mustFind(id);
    if (row.direction !== 'sent') throw new AccordError('forbidden', warningsMessage('notSender', { id, party: row.senderParty, action }));
    if (isEnded(row.state)) throw new AccordError('conflict', warningsMessage('ended', { id, state: row.state }));
    const object = row.state === 'draft' ? undefined : await this.latestObject(id);
    if (row.state !== 'draft' && !object) throw new AccordError('not-found', warningsMessage('notFound', { id }));
    return { row, object: object ?? ({} as StixObject) };
  }

  /** Changes a draft, or sends a new version of a sent warning (addressees stay as they were). */
  async update(user: UserPrincipal, id: string, changes: WarningUpdate): Promise<WarningDetail> {
    this.require(user, 'warnings:send', 'update');
    const { row, object } = await this.mustBeSendersActive(user, id, 'update');
    const { profile, party, clock } = this.deps;
    if (row.state === 'draft' && row.draft) {
      const before = JSON.parse(row.draft) as WarningDraft;
      const draft = checkWarningInput(profile, party, { ...before, ...changes }, before.lang);
      await this.deps.database.db.transaction().execute(async (trx) => {
        const locked = await this.records.lock(trx, id);
        if (!locked) return;
        await replaceWarningParties(trx, id, this.partyRows(id, draft));
        await this.records.refresh(trx, locked, {
          draft: JSON.stringify(draft), title: draft.title, severity: draft.severity, threatCategory: draft.threatCategory, lang: draft.lang, tlp: draft.tlp,
          addressees: JSON.stringify(draft.addressees),
        });
      });
      return this.get(user, id);
    }
    const before = draftOfObject(object);
    const draft = checkWarningInput(profile, party, { ...before, ...changes }, before.lang);
    if (canonicalJson(draft.addressees) !== canonicalJson(before.addressees)) throw new AccordError('bad-request', warningsMessage('addresseesFixed'));
    return this.publishVersion(user, row, object, warningProperties(draft, profile.id, party, 'active'), 'updated', draft.translations ?? [], clock.nowMicros());
  }

  /** Withdraws a sent warning: a new version with status withdrawn; every deadline ends. */
  async withdraw(user: UserPrincipal, id: string, reason: string): Promise<WarningDetail> {
    this.require(user, 'warnings:send', 'withdraw');
    const { row, object } = await this.mustBeSendersActive(user, id, 'withdraw');
    if (row.state === 'draft') throw new AccordError('conflict', warningsMessage('notYetSent', { id }));
    // The other Parties are owed the reason; without it the object fails validation only as it is sent.
    if (!reason.trim()) throw new AccordError('validation-failed', warningsMessage('missing', { field: 'reason' }));
    return this.publishVersion(user, row, object, { warning_status: 'withdrawn', status_reason: reason }, 'withdrawn', [], this.deps.clock.nowMicros());
  }

  /** Closes a sent warning (the joint assessment is done, or nothing more is expected). */
  async close(user: UserPrincipal, id: string, reason?: string): Promise<WarningDetail> {
    this.require(user, 'warnings:send', 'close');
    const { row, object } = await this.mustBeSendersActive(user, id, 'close');
    if (row.state === 'draft') throw new AccordError('conflict', warningsMessage('notYetSent', { id }));
    return this.publishVersion(user, row, object, { warning_status: 'closed', ...(reason ? { status_reason: reason } : {}) }, 'closed', [], this.deps.clock.nowMicros());
  }

  private async publishVersion(user: UserPrincipal, row: WarningRow, object: StixObject, props: Record<string, unknown>, kind: 'updated' | 'withdrawn' | 'closed', translations: readonly Translation[], now: number): Promise<WarningDetail> {
    const remove = kind === 'updated' ? ['description', 'affected_sectors', 'affected_products', 'related_refs', 'recommended_actions', 'status_reason'].filter((k) => !(k in props)) : [];
    const next = nextVersion(object, now, props, remove);
    const authorityRef = await this.deps.authorityRef();
    const lcs = this.translationObject(next, translations, authorityRef, now, (row.tlp ?? 'amber') as TlpLevel);
    const parties = (await partiesOf(this.deps.database.db, [row.id])).map((p) => p.party);
    const related = kind === 'updated' ? await this.relatedToShare(stringList(next.related_refs), parties) : [];
    await this.deps.sender.send([...related, next, ...lcs], parties, user);
    const versionUs = micros(next.modified);
    await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, row.id);
      if (!locked) return;
      const facts = draftOfObject(next);
      const changes: Partial<WarningRow> = { versionUs, title: facts.title, severity: facts.severity, threatCategory: facts.threatCategory, tlp: facts.tlp };
      if (kind === 'withdrawn') Object.assign(changes, { state: 'withdrawn', withdrawnUs: now });
      if (kind === 'closed') Object.assign(changes, { state: 'closed', closedUs: now });
      const updated = await this.records.refresh(trx, locked, changes);
      if (kind === 'updated') for (const p of await partiesOf(trx, [row.id])) if (p.state === 'sent' || p.state === 'delivered') await this.records.scheduleAck(trx, updated, p.party);
      if (kind !== 'updated') await this.deps.deadlines.cancel(trx, row.id);
      await this.records.history(trx, [
        { subjectId: row.id, atUs: now, kind, party: this.deps.party, actor: user.name, objectId: row.id, objectVersionUs: versionUs, detail: props.status_reason ? JSON.stringify({ reason: props.status_reason }) : null },
        ...lcs.map((t) => ({ subjectId: row.id, atUs: now, kind: 'translated', party: this.deps.party, actor: user.name, objectId: t.id, objectVersionUs: micros(t.modified), detail: null })),
      ]);
    });
    this.records.publish(kind, await this.mustFind(row.id));
    return this.get(user, row.id);
  }

  /** A person of an addressed authority acknowledges a received warning; the acknowledgement goes back to the sender. */
  async acknowledge(user: UserPrincipal, id: string, comment?: string): Promise<WarningDetail> {
    this.require(user, 'warnings:acknowledge', 'acknowledge');
    const { party, clock } = this.deps;
    const row = await this.mustFind(id);
    const mine = await this.checkAddressed(user, row);
    if (mine.state === 'acknowledged' || mine.state === 'assessed') throw new AccordError('conflict', warningsMessage('alreadyAcknowledged', { id, party }));
    const object = await this.latestObject(id);
    if (!object) throw new AccordError('not-found', warningsMessage('notFound', { id }));
    const now = clock.nowMicros();
    const ack = newExchangeObject(WARNING_ACK_TYPE, now, await this.deps.authorityRef(), {
      warning_ref: id, warning_modified: object.modified, acknowledging_party: party, acknowledged_by: user.name,
      ...(comment ? { comment } : {}),
      ...(stringList(object.object_marking_refs).length ? { object_marking_refs: stringList(object.object_marking_refs) } : {}),
    });
    await this.deps.sender.send([ack], [row.senderParty], user);
    await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, id);
      if (!locked) return;
      await updateWarningParty(trx, id, party, { state: 'acknowledged', acknowledgedUs: now, ackObjectId: ack.id, acknowledgedBy: user.name });
      await this.records.refresh(trx, locked, { state: 'acknowledged', acknowledgedUs: now });
      await this.deps.deadlines.meet(trx, id, { rule: ACK_RULE, party });
      await this.records.history(trx, [{ subjectId: id, atUs: now, kind: 'acknowledged', party, actor: user.name, objectId: ack.id, objectVersionUs: micros(ack.modified), detail: comment ? JSON.stringify({ comment }) : null }]);
    });
    this.records.publish('acknowledged', await this.mustFind(id), { party });
    return this.get(user, id);
  }

  /** The addressee row of this node's Party, after the checks that make "someone else's warning" a clear error. */
  private async checkAddressed(user: UserPrincipal, row: WarningRow) {
    const { party } = this.deps;
    if (row.direction === 'sent') throw new AccordError('forbidden', warningsMessage('ownWarning', { id: row.id, party }));
    if (isEnded(row.state)) throw new AccordError('conflict', warningsMessage('ended', { id: row.id, state: row.state }));
    const mine = (await partiesOf(this.deps.database.db, [row.id])).find((p) => p.party === party);
    if (!mine) throw new AccordError('forbidden', warningsMessage('notAddressed', { id: row.id, party }));
    if (mine.authorityRef && user.authorityRef && mine.authorityRef !== user.authorityRef)
      throw new AccordError('forbidden', warningsMessage('otherAuthority', { id: row.id, authority: mine.authorityRef }));
    return mine;
  }

  /** Records this Party's assessment (a STIX opinion, and a note when actions or remarks are given) and shares it. */
  async assess(user: UserPrincipal, id: string, input: AssessmentInput): Promise<WarningDetail> {
    this.require(user, 'warnings:assess', 'assess');
    const { party, clock } = this.deps;
    const row = await this.mustFind(id);
    if (row.state === 'draft') throw new AccordError('conflict', warningsMessage('notYetSent', { id }));
    if (row.direction === 'received') {
      const mine = await this.checkAddressed(user, row);
      if (mine.state !== 'acknowledged' && mine.state !== 'assessed') throw new AccordError('conflict', warningsMessage('notAcknowledged', { id }));
    } else if (isEnded(row.state)) throw new AccordError('conflict', warningsMessage('ended', { id, state: row.state }));
    const now = clock.nowMicros();
    const { opinion, note } = await this.assessmentObjects(row, input, now);
    const others = row.direction === 'received' ? [row.senderParty] : (await partiesOf(this.deps.database.db, [id])).map((p) => p.party);
    await this.deps.sender.send(note ? [opinion, note] : [opinion], others, user);
    await this.deps.database.db.transaction().execute(async (trx) => {
      const locked = await this.records.lock(trx, id);
      if (!locked) return;
      await upsertAssessment(trx, {
        warningId: id, party, opinionId: opinion.id, noteId: note?.id ?? null, agreement: input.agreement, confidence: input.confidence ?? null, assessedUs: now, assessedBy: user.name,
      });
      if (row.direction === 'received') {
        await updateWarningParty(trx, id, party, { state: 'assessed' });
        await this.records.refresh(trx, locked, { state: 'assessed', assessedUs: now });
      }
      await this.records.history(trx, [{ subjectId: id, atUs: now, kind: 'assessed', party, actor: user.name, objectId: opinion.id, objectVersionUs: micros(opinion.modified), detail: JSON.stringify({ agreement: input.agreement, confidence: input.confidence ?? null }) }]);
    });
    this.records.publish('assessed', await this.mustFind(id), { party, agreement: input.agreement });
    return this.get(user, id);
  }

  private async assessmentObjects(row: WarningRow, input: AssessmentInput, now: number): Promise<{ opinion: StixObject; note: StixObject | undefined }> {
    const { party } = this.deps;
    const authorityRef = await this.deps.authorityRef();
    const markings = tlpMarking((row.tlp ?? 'amber') as TlpLevel);
    const extension = { [ASSESSMENT_EXTENSION_ID]: { extension_type: 'property-extension', warning_ref: row.id, assessing_party: party, ...(input.actionsTaken?.length ? { actions_taken: [...input.actionsTaken] } : {}) } };
    const previous = (await assessmentsOf(this.deps.database.db, row.id)).find((a) => a.party === party);
    const opinionProps = {
      opinion: input.agreement, object_refs: [row.id], object_marking_refs: markings, extensions: extension,
      ...(input.explanation ? { explanation: input.explanation } : {}), ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
    };
    const previousOpinion = previous ? await this.latestObject(previous.opinionId) : undefined;
    const opinion = previousOpinion
      ? nextVersion(previousOpinion, now, opinionProps, ['explanation', 'confidence'].filter((k) => !(k in opinionProps)))
      : stixObject('opinion', now, authorityRef, opinionProps);
    const content = input.note ?? (input.actionsTaken?.length ? input.actionsTaken.join('\n') : undefined);
    if (!content) return { opinion, note: undefined };
    const noteProps = { content, abstract: `Assessment by ${party}`, object_refs: [row.id, opinion.id], object_marking_refs: markings, extensions: extension };
    const previousNote = previous?.noteId ? await this.latestObject(previous.noteId) : undefined;
    const note = previousNote ? nextVersion(previousNote, now, noteProps) : stixObject('note', now, authorityRef, noteProps);
    return { opinion, note };
  }

  /** Adds a translation of the warning's title and description (a STIX language-content) and shares it. */
  async translate(user: UserPrincipal, id: string, translation: Translation): Promise<WarningDetail> {
    this.require(user, 'translations:write', 'translate');
    const row = await this.mustFind(id);
    if (row.state === 'draft') throw new AccordError('conflict', warningsMessage('notYetSent', { id }));
    if (!translation.title && !translation.description) throw new AccordError('validation-failed', warningsMessage('noTranslation'));
    if (translation.lang === row.lang) throw new AccordError('validation-failed', warningsMessage('sameLanguage', { lang: row.lang }));
    const object = await this.latestObject(id);
    if (!object) throw new AccordError('not-found', warningsMessage('notFound', { id }));
    const now = this.deps.clock.nowMicros();
    const [content] = this.translationObject(object, [translation], await this.deps.authorityRef(), now, (row.tlp ?? 'amber') as TlpLevel);
    if (!content) throw new AccordError('validation-failed', warningsMessage('noTranslation'));
    const others = row.direction === 'received' ? [row.senderParty] : (await partiesOf(this.deps.database.db, [id])).map((p) => p.party);
    await this.deps.sender.send([content], others, user);
    await this.deps.database.db.transaction().execute(async (trx) => {
      await this.records.history(trx, [{ subjectId: id, atUs: now, kind: 'translated', party: this.deps.party, actor: user.name, objectId: content.id, objectVersionUs: micros(content.modified), detail: JSON.stringify({ lang: translation.lang }) }]);
    });
    this.records.publish('translated', row, { lang: translation.lang });
    return this.get(user, id);
  }

  /** Warnings this user may see, most recently changed first. */
  async list(user: UserPrincipal, filter: WarningFilter): Promise<{ items: WarningSummary[]; next?: string }> {
    const { database, release, profile } = this.deps;
    checkPartyFilter(profile, filter.party);
    const rows = await listWarnings(database.db, filter);
    const released = await release.filter(rows, warningFacts, audienceOf(user), 'search', user);
    const parties = await partiesOf(database.db, released.map((r) => r.id));
    const last = rows.at(-1);
    return { items: released.map((r) => warningSummary(r, parties)), ...(rows.length === filter.limit && last ? { next: String(last.updatedUs) } : {}) };
  }

  /** One warning with its addressees, deadlines, joint assessment side by side, translations and full history. */
  async get(user: UserPrincipal, id: string): Promise<WarningDetail> {
    const { database, release, deadlines } = this.deps;
    const row = await this.mustFind(id);
    const [released] = await release.filter([row], warningFacts, audienceOf(user), 'read', user);
    if (!released) throw new AccordError('not-found', warningsMessage('notFound', { id }));
    const [parties, object, deadlineRows, assessments, history] = await Promise.all([
      partiesOf(database.db, [id]), this.latestObject(id), deadlines.forSubjects([id]), this.assessmentViews(id), historyOf(database.db, id),
    ]);
    const translations = await this.translationViews(history.filter((e) => e.kind === 'translated' && e.objectId).map((e) => e.objectId ?? ''));
    return detailOf(row, parties, object, { deadlines: deadlineRows.map(deadlineView), assessments, translations, history: history.map(historyView) });
  }

  private async assessmentViews(id: string): Promise<AssessmentView[]> {
    const rows = await assessmentsOf(this.deps.database.db, id);
    const objects = await latestOf(this.deps.database.db, rows.flatMap((r) => [r.opinionId, ...(r.noteId ? [r.noteId] : [])]));
    const byId = new Map(objects.map((o) => [o.id, JSON.parse(o.body) as StixObject]));
    return rows.map((r) => {
      const opinion = byId.get(r.opinionId);
      const note = r.noteId ? byId.get(r.noteId) : undefined;
      const ext = (opinion?.extensions as Record<string, { actions_taken?: unknown }> | undefined)?.[ASSESSMENT_EXTENSION_ID];
      return assessmentView(r, opinion, note, stringList(ext?.actions_taken));
    });
  }

  private async translationViews(ids: readonly string[]): Promise<TranslationView[]> {
    const rows = await latestOf(this.deps.database.db, [...new Set(ids)]);
    return rows.flatMap((r) => translationViews(JSON.parse(r.body) as StixObject));
  }
}

/** A new STIX 2.1 object of a spec type created by this node. */
function stixObject(type: 'opinion' | 'note', atUs: number, createdByRef: string, props: Record<string, unknown>): StixObject {
  const time = new Date(Math.floor(atUs / 1000)).toISOString();
  return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: time, modified: time, created_by_ref: createdByRef, ...props };
}
