import { NO_DUE_US, type NextAction } from '../exchange/exchange-actions.js';
import type { StepKind } from '../exchange/exchange-kinds.js';
import type { AssistanceRequestRow } from './requests.repository.js';
import type { RequestState } from './requests.tables.js';

/*
 * The lifecycle of a request for assistance: submitted → received (receipt) → accepted | declined
 * (with reasons) → in progress (interim responses; clarification requests both ways) → answered
 * → closed. The requesting Party closes; the requested Party decides and answers.
 */

export type StepActor = 'requester' | 'addressee' | 'either';

interface StepRule {
  readonly by: StepActor;
  readonly from: readonly RequestState[];
  readonly to: (state: RequestState) => RequestState;
}

const open: readonly RequestState[] = ['submitted', 'received', 'accepted', 'in-progress', 'answered'];

export const stepRules: Readonly<Record<StepKind, StepRule>> = {
  acceptance: { by: 'addressee', from: ['submitted', 'received'], to: () => 'accepted' },
  declination: { by: 'addressee', from: ['submitted', 'received'], to: () => 'declined' },
  'interim-response': { by: 'addressee', from: ['accepted', 'in-progress'], to: () => 'in-progress' },
  'clarification-request': { by: 'either', from: open, to: (s) => (s === 'accepted' || s === 'answered' ? 'in-progress' : s) },
  'clarification-answer': { by: 'either', from: open, to: (s) => s },
  answer: { by: 'addressee', from: ['accepted', 'in-progress'], to: () => 'answered' },
  closure: { by: 'requester', from: [...open, 'declined'], to: () => 'closed' },
};

/** The state a step leads to, or undefined when the step is not possible in this state. */
export function stateAfter(kind: StepKind, state: RequestState): RequestState | undefined {
  const rule = stepRules[kind];
  return rule.from.includes(state) ? rule.to(state) : undefined;
}

/** Actions of the inbox for requests. */
export const requestActions = ['decide', 'answer', 'clarify', 'close', 'await-decision', 'await-answer'] as const;

/**
 * What the request waits for, seen from this node's Party `me`. `decisionDueUs` is the profile's
 * response deadline; `respondByUs` the date the requester asked for.
 */
export function requestNextAction(row: Pick<AssistanceRequestRow, 'direction' | 'state' | 'requesterParty' | 'addresseeParty' | 'addresseeAuthority' | 'clarificationParty' | 'respondByUs'>, me: string, decisionDueUs: number | null): NextAction | undefined {
  const { state } = row;
  if (state === 'closed' || state === 'declined') return undefined;
  const answerDue = row.respondByUs ?? NO_DUE_US;
  const authority = row.direction === 'received' ? row.addresseeAuthority : null;
  if (row.clarificationParty === me) return { action: 'clarify', party: me, authority, dueUs: NO_DUE_US };
  if (row.direction === 'received') {
    if (state === 'submitted' || state === 'received') return { action: 'decide', party: me, authority, dueUs: decisionDueUs ?? NO_DUE_US };
    if (state === 'accepted' || state === 'in-progress') return { action: 'answer', party: me, authority, dueUs: answerDue };
    return undefined;
  }
  const them = row.addresseeParty;
  if (state === 'submitted' || state === 'received') return { action: 'await-decision', party: them, authority: row.addresseeAuthority, dueUs: decisionDueUs ?? NO_DUE_US };
  if (state === 'accepted' || state === 'in-progress') return { action: 'await-answer', party: them, authority: row.addresseeAuthority, dueUs: answerDue };
  return { action: 'close', party: me, authority: null, dueUs: NO_DUE_US };
}
