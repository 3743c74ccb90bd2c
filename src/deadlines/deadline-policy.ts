/**
 * When a deadline turns "due soon" and when an overdue one escalates. The profile fixes the
 * deadlines themselves; these two moments are Accord's defaults, proportional to the period so
 * that a 4-hour acknowledgement and a 30-day response are both reminded in time:
 * - due soon when a quarter of the period remains (4 h → after 3 h; 30 days → after 22.5 days);
 * - escalated when overdue by half the period, and at least by one hour.
 */
export interface DeadlinePolicy {
  /** Fraction of the period left when the reminder fires. */
  readonly dueSoonFraction: number;
  /** Fraction of the period past the due instant when the deadline escalates. */
  readonly escalateFraction: number;
  readonly minEscalateMs: number;
}

export const defaultDeadlinePolicy: DeadlinePolicy = { dueSoonFraction: 0.25, escalateFraction: 0.5, minEscalateMs: 3_600_000 };

/** The reminder and escalation instants of a deadline that runs from `startUs` to `dueUs`. */
export function deadlineMoments(startUs: number, dueUs: number, policy: DeadlinePolicy = defaultDeadlinePolicy): { remindAtUs: number; escalateAtUs: number } {
  const period = Math.max(0, dueUs - startUs);
  return {
    remindAtUs: dueUs - Math.round(period * policy.dueSoonFraction),
    escalateAtUs: dueUs + Math.max(Math.round(period * policy.escalateFraction), policy.minEscalateMs * 1000),
  };
}
