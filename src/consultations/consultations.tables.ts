export type ConsultationState = 'proposed' | 'agreed' | 'held' | 'concluded' | 'cancelled';

/**
 * A consultation as this node knows it, whichever Party proposed it. The columns are what lists,
 * overlap checks and reports filter on; `record` holds the rest (current terms, acceptances,
 * minutes, approvals, action items, applied steps) as the steps built it.
 */
export interface ConsultationTable {
  /** The STIX id of the accord-consultation proposal. */
  id: string;
  kind: 'regular' | 'extraordinary';
  state: ConsultationState;
  proposerParty: string;
  hostParty: string;
  title: string;
  /** The current terms (of the proposal or the latest counter-proposal). */
  startsUs: number;
  endsUs: number;
  createdUs: number;
  updatedUs: number;
  /** JSON of ConsultationRecord. */
  record: string;
}

export interface DisputeTable {
  /** The STIX id of the accord-dispute. */
  id: string;
  state: 'open' | 'settled';
  raisingParty: string;
  title: string;
  createdUs: number;
  updatedUs: number;
  /** JSON of DisputeRecord. */
  record: string;
}

export interface ConsultationTables {
  consultation: ConsultationTable;
  dispute: DisputeTable;
}
