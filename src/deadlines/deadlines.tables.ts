/** running → due-soon → overdue → escalated; met or cancelled end it (from any of those). */
export type DeadlineState = 'running' | 'due-soon' | 'overdue' | 'escalated' | 'met' | 'cancelled';

/** A deadline this node watches: one rule of the profile applied to one subject and one responsible Party. */
export interface DeadlineTable {
  /** Deterministic: `<rule>:<subjectId>:<party>`, so scheduling twice is harmless. */
  id: string;
  subjectKind: string;
  subjectId: string;
  /** Release facts of the subject, so events about the deadline are released like the subject. */
  subjectType: string;
  subjectTlp: string | null;
  subjectOrigin: string | null;
  subjectTitle: string | null;
  rule: string;
  provision: string;
  basis: string;
  /** The Party that must act before the deadline. */
  party: string;
  startUs: number;
  dueUs: number;
  remindAtUs: number;
  escalateAtUs: number;
  /** The legal date of the due instant in the deciding time zone (YYYY-MM-DD). */
  legalDate: string;
  timeZone: string;
  state: DeadlineState;
  remindedUs: number | null;
  overdueUs: number | null;
  escalatedUs: number | null;
  metUs: number | null;
  cancelledUs: number | null;
  /** Set when met or cancelled: the watch looks only at rows where this is null. */
  closedUs: number | null;
  createdUs: number;
  updatedUs: number;
}

export interface DeadlineTables {
  deadline: DeadlineTable;
}
