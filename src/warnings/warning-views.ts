import type { DeadlineView } from '../deadlines/deadlines.service.js';
import { dueOf } from '../exchange/exchange-actions.js';
import { stringList, stringProp } from '../exchange/exchange-objects.js';
import type { WorkflowEventRow } from '../exchange/workflow-history.repository.js';
import type { StixObject } from '../objects/object-row.js';
import type { WarningDraft } from './warning-objects.js';
import type { WarningAssessmentRow, WarningPartyRow, WarningRow } from './warnings.repository.js';

const iso = (us: number | null): string | null => (us === null ? null : new Date(Math.floor(us / 1000)).toISOString());

export interface AddresseeView {
  readonly party: string;
  readonly authorityRef: string | null;
  readonly state: string;
  readonly delivered: string | null;
  readonly acknowledged: string | null;
  readonly acknowledgedBy: string | null;
}

/** A warning in a list. */
export interface WarningSummary {
  readonly id: string;
  readonly direction: string;
  readonly state: string;
  readonly senderParty: string;
  readonly severity: string;
  readonly threatCategory: string;
  readonly title: string;
  readonly lang: string;
  readonly tlp: string | null;
  readonly addressees: AddresseeView[];
  readonly sent: string | null;
  readonly updated: string;
  readonly nextAction: { readonly action: string; readonly party: string; readonly due: string | null } | null;
}

/** One Party's part of the joint assessment, side by side with the others'. */
export interface AssessmentView {
  readonly party: string;
  readonly agreement: string;
  readonly confidence: number | null;
  readonly explanation: string | null;
  readonly actionsTaken: string[];
  readonly note: string | null;
  readonly assessed: string;
  readonly assessedBy: string | null;
  readonly opinionId: string;
  readonly noteId: string | null;
}

export interface TranslationView {
  readonly lang: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly objectId: string;
  readonly translatedVersion: string | null;
}

export interface HistoryView {
  readonly at: string;
  readonly kind: string;
  readonly party: string | null;
  readonly actor: string | null;
  readonly objectId: string | null;
  readonly objectVersion: string | null;
  readonly detail: Record<string, unknown> | null;
}

/** A warning with everything known about it. */
export interface WarningDetail extends WarningSummary {
  readonly description: string | null;
  readonly affectedSectors: string[];
  readonly affectedProducts: string[];
  readonly relatedRefs: string[];
  readonly recommendedActions: string[];
  readonly statusReason: string | null;
  readonly version: string | null;
  readonly delivered: string | null;
  readonly acknowledged: string | null;
  readonly assessed: string | null;
  readonly closed: string | null;
  readonly withdrawn: string | null;
  readonly createdBy: string | null;
  /** The profile version (agreement or protocol) in force when the warning was sent. */
  readonly governingVersion: string | null;
  readonly deadlines: DeadlineView[];
  readonly assessments: AssessmentView[];
  readonly translations: TranslationView[];
  readonly history: HistoryView[];
  readonly object: StixObject | null;
  readonly draft: WarningDraft | null;
}

export function addresseeView(p: WarningPartyRow): AddresseeView {
  return { party: p.party, authorityRef: p.authorityRef, state: p.state, delivered: iso(p.deliveredUs), acknowledged: iso(p.acknowledgedUs), acknowledgedBy: p.acknowledgedBy };
}

export function warningSummary(row: WarningRow, parties: readonly WarningPartyRow[]): WarningSummary {
  return {
    id: row.id, direction: row.direction, state: row.state, senderParty: row.senderParty, severity: row.severity, threatCategory: row.threatCategory,
    title: row.title, lang: row.lang, tlp: row.tlp, addressees: parties.filter((p) => p.warningId === row.id).map(addresseeView),
    sent: iso(row.sentUs), updated: iso(row.updatedUs) ?? '',
    nextAction: row.nextAction && row.actionParty ? { action: row.nextAction, party: row.actionParty, due: dueOf(row.actionDueUs) } : null,
  };
}

export function historyView(e: WorkflowEventRow): HistoryView {
  return {
    at: iso(e.atUs) ?? '', kind: e.kind, party: e.party, actor: e.actor, objectId: e.objectId, objectVersion: iso(e.objectVersionUs),
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
  };
}

export function assessmentView(row: WarningAssessmentRow, opinion: StixObject | undefined, note: StixObject | undefined, actions: string[]): AssessmentView {
  return {
    party: row.party, agreement: row.agreement, confidence: row.confidence, explanation: opinion ? (stringProp(opinion, 'explanation') ?? null) : null,
    actionsTaken: actions, note: note ? (stringProp(note, 'content') ?? null) : null, assessed: iso(row.assessedUs) ?? '', assessedBy: row.assessedBy,
    opinionId: row.opinionId, noteId: row.noteId,
  };
}

/** Translations a language-content object gives of a warning's title and description. */
export function translationViews(content: StixObject): TranslationView[] {
  const contents = content.contents;
  if (typeof contents !== 'object' || contents === null) return [];
  return Object.entries(contents as Record<string, Record<string, unknown>>).map(([lang, props]) => ({
    lang,
    title: typeof props.name === 'string' ? props.name : null,
    description: typeof props.description === 'string' ? props.description : null,
    objectId: content.id,
    translatedVersion: stringProp(content, 'object_modified') ?? null,
  }));
}

export function detailOf(
  row: WarningRow, parties: readonly WarningPartyRow[], object: StixObject | undefined, extra: Pick<WarningDetail, 'deadlines' | 'assessments' | 'translations' | 'history'>,
): WarningDetail {
  return {
    ...warningSummary(row, parties),
    description: object ? (stringProp(object, 'description') ?? null) : null,
    affectedSectors: object ? stringList(object.affected_sectors) : [],
    affectedProducts: object ? stringList(object.affected_products) : [],
    relatedRefs: object ? stringList(object.related_refs) : [],
    recommendedActions: object ? stringList(object.recommended_actions) : [],
    statusReason: object ? (stringProp(object, 'status_reason') ?? null) : null,
    version: iso(row.versionUs), delivered: iso(row.deliveredUs), acknowledged: iso(row.acknowledgedUs), assessed: iso(row.assessedUs),
    closed: iso(row.closedUs), withdrawn: iso(row.withdrawnUs), createdBy: row.createdBy,
    governingVersion: object ? (stringProp(object, 'profile_version') ?? null) : null,
    ...extra,
    object: object ?? null,
    draft: row.draft ? (JSON.parse(row.draft) as WarningDraft) : null,
  };
}

