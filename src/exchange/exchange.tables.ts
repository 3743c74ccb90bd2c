import type { Generated } from 'kysely';

/**
 * One step in the history of a warning or request, on this node: who did what, when, and which
 * exchange object (version) carried it. The objects themselves are in the store and the ledger;
 * this is the index that lets a history be shown without scanning them.
 */
export interface WorkflowEventTable {
  seq: Generated<number>;
  subjectId: string;
  atUs: number;
  kind: string;
  /** The Party that acted (or, for deadlines, the Party responsible). */
  party: string | null;
  /** A user name of this node, `peer:XX` for what a peer sent, or `system`. */
  actor: string | null;
  objectId: string | null;
  objectVersionUs: number | null;
  /** JSON: what else the step says (reasons, state reached, rule …). */
  detail: string | null;
}

export interface ExchangeTables {
  workflowEvent: WorkflowEventTable;
}
