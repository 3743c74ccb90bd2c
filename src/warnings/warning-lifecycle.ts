import { NO_DUE_US, type NextAction } from '../exchange/exchange-actions.js';
import type { WarningPartyRow, WarningRow } from './warnings.repository.js';
import type { AddresseeState, WarningState } from './warnings.tables.js';

/*
 * The lifecycle of an early warning: draft → sent → delivered → acknowledged → assessed → closed,
 * or withdrawn by the sender at any point after sending. On the sending node the state is how far
 * the slowest addressee got; on a receiving node it is how far this Party got.
 */

const ORDER: readonly AddresseeState[] = ['pending', 'sent', 'delivered', 'acknowledged', 'assessed'];

/** The sender's view: the least advanced addressee decides. */
export function senderState(parties: readonly Pick<WarningPartyRow, 'state'>[]): WarningState {
  let least = ORDER.length - 1;
  for (const p of parties) least = Math.min(least, ORDER.indexOf(p.state));
  const state = ORDER[least] ?? 'sent';
  return state === 'pending' ? 'draft' : state;
}

/** True when nothing more happens to the warning. */
export function isEnded(state: WarningState): boolean {
  return state === 'closed' || state === 'withdrawn';
}

/** Actions of the inbox (what a Party owes) for warnings. */
export const warningActions = ['send', 'acknowledge', 'assess', 'close', 'await-acknowledgement', 'await-assessment'] as const;
export type WarningAction = (typeof warningActions)[number];

/**
 * What the warning waits for, seen from this node's Party `me`: the next act and who owes it.
 * `ackDueUs` is the acknowledgement deadline (the same for every addressee).
 */
export function warningNextAction(row: Pick<WarningRow, 'direction' | 'state' | 'senderParty'>, parties: readonly WarningPartyRow[], me: string, ackDueUs: number | null): NextAction | undefined {
  const { state } = row;
  if (isEnded(state)) return undefined;
  if (row.direction === 'received') {
    const mine = parties.find((p) => p.party === me);
    const authority = mine?.authorityRef ?? null;
    if (state === 'delivered' || state === 'sent') return { action: 'acknowledge', party: me, authority, dueUs: ackDueUs ?? NO_DUE_US };
    if (state === 'acknowledged') return { action: 'assess', party: me, authority, dueUs: NO_DUE_US };
    return undefined;
  }
  if (state === 'draft') return { action: 'send', party: me, authority: null, dueUs: NO_DUE_US };
  const unacknowledged = parties.find((p) => p.state === 'sent' || p.state === 'delivered');
  if (unacknowledged) return { action: 'await-acknowledgement', party: unacknowledged.party, authority: unacknowledged.authorityRef, dueUs: ackDueUs ?? NO_DUE_US };
  const unassessed = parties.find((p) => p.state === 'acknowledged');
  if (unassessed) return { action: 'await-assessment', party: unassessed.party, authority: unassessed.authorityRef, dueUs: NO_DUE_US };
  return { action: 'close', party: me, authority: null, dueUs: NO_DUE_US };
}
