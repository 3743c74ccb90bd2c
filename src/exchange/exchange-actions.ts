/**
 * What a warning or request waits for, kept on its row so that the inbox is one indexed read:
 * the act, the Party (and, when addressed, the authority) that owes it, and by when.
 */
export interface NextAction {
  readonly action: string;
  readonly party: string;
  readonly authority: string | null;
  /** Microseconds; NO_DUE_US when the act has no deadline (sorts after every real one). */
  readonly dueUs: number;
}

/** Stands for "no deadline" in action_due_us so that one ascending index orders the inbox. */
export const NO_DUE_US = 8_000_000_000_000_000;

/** The row columns of a next action (all null when nothing is awaited). */
export function actionColumns(next: NextAction | undefined): { nextAction: string | null; actionParty: string | null; actionAuthority: string | null; actionDueUs: number | null } {
  return next
    ? { nextAction: next.action, actionParty: next.party, actionAuthority: next.authority, actionDueUs: next.dueUs }
    : { nextAction: null, actionParty: null, actionAuthority: null, actionDueUs: null };
}

/** An action deadline as the API shows it (null for "none"). */
export function dueOf(actionDueUs: number | null): string | null {
  return actionDueUs === null || actionDueUs >= NO_DUE_US ? null : new Date(Math.floor(actionDueUs / 1000)).toISOString();
}
