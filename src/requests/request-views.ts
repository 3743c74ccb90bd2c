import type { DeadlineView } from '../deadlines/deadlines.service.js';
import { dueOf } from '../exchange/exchange-actions.js';
import { stringList, stringProp } from '../exchange/exchange-objects.js';
import type { WorkflowEventRow } from '../exchange/workflow-history.repository.js';
import type { StixObject } from '../objects/object-row.js';
import type { HistoryView } from '../warnings/warning-views.js';
import type { AssistanceRequestRow } from './requests.repository.js';

const iso = (us: number | null): string | null => (us === null ? null : new Date(Math.floor(us / 1000)).toISOString());

/** A request in a list. */
export interface RequestSummary {
  readonly id: string;
  readonly direction: string;
  readonly state: string;
  readonly requesterParty: string;
  readonly addresseeParty: string;
  readonly addresseeAuthority: string | null;
  readonly urgency: string;
  readonly threatCategory: string;
  readonly title: string;
  readonly lang: string;
  readonly tlp: string | null;
  readonly legalBasis: string[];
  readonly submitted: string;
  readonly received: string | null;
  readonly respondBy: string | null;
  readonly updated: string;
  readonly openClarification: { readonly owedBy: string; readonly stepId: string | null } | null;
  readonly nextAction: { readonly action: string; readonly party: string; readonly due: string | null } | null;
}

/** One step as both sides see it. */
export interface StepView {
  readonly id: string;
  readonly kind: string;
  readonly party: string | null;
  readonly actor: string | null;
  readonly at: string;
  readonly content: string | null;
  readonly reasons: string[];
  readonly inReplyTo: string | null;
  readonly relatedRefs: string[];
}

export interface RequestDetail extends RequestSummary {
  readonly facts: string | null;
  readonly assistance: Array<{ kind: string; details?: string }>;
  readonly relatedRefs: string[];
  readonly decided: string | null;
  readonly answered: string | null;
  readonly closed: string | null;
  readonly createdBy: string | null;
  /** The profile version (agreement or protocol) in force when the request was submitted. */
  readonly governingVersion: string | null;
  readonly deadlines: DeadlineView[];
  readonly steps: StepView[];
  readonly history: HistoryView[];
  readonly object: StixObject | null;
}

export function requestSummary(row: AssistanceRequestRow): RequestSummary {
  return {
    id: row.id, direction: row.direction, state: row.state, requesterParty: row.requesterParty, addresseeParty: row.addresseeParty,
    addresseeAuthority: row.addresseeAuthority, urgency: row.urgency, threatCategory: row.threatCategory, title: row.title, lang: row.lang, tlp: row.tlp,
    legalBasis: JSON.parse(row.legalBasis) as string[], submitted: iso(row.submittedUs) ?? '', received: iso(row.receivedUs), respondBy: iso(row.respondByUs),
    updated: iso(row.updatedUs) ?? '',
    openClarification: row.clarificationParty ? { owedBy: row.clarificationParty, stepId: row.clarificationStep } : null,
    nextAction: row.nextAction && row.actionParty ? { action: row.nextAction, party: row.actionParty, due: dueOf(row.actionDueUs) } : null,
  };
}

export function stepView(object: StixObject, event: WorkflowEventRow): StepView {
  return {
    id: object.id, kind: stringProp(object, 'step_kind') ?? '', party: event.party, actor: stringProp(object, 'acted_by') ?? event.actor,
    at: stringProp(object, 'created') ?? iso(event.atUs) ?? '', content: stringProp(object, 'content') ?? null, reasons: stringList(object.reasons),
    inReplyTo: stringProp(object, 'in_reply_to_ref') ?? null, relatedRefs: stringList(object.related_refs),
  };
}

export function requestDetail(row: AssistanceRequestRow, object: StixObject | undefined, extra: Pick<RequestDetail, 'deadlines' | 'steps' | 'history'>): RequestDetail {
  return {
    ...requestSummary(row),
    facts: object ? (stringProp(object, 'facts') ?? null) : null,
    assistance: object && Array.isArray(object.assistance) ? (object.assistance as Array<{ kind: string; details?: string }>) : [],
    relatedRefs: object ? stringList(object.related_refs) : [],
    decided: iso(row.decidedUs), answered: iso(row.answeredUs), closed: iso(row.closedUs), createdBy: row.createdBy,
    governingVersion: object ? (stringProp(object, 'profile_version') ?? null) : null,
    ...extra,
    object: object ?? null,
  };
}
