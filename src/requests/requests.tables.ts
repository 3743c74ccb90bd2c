export const requestDirections = ['sent', 'received'] as const;
export type RequestDirection = (typeof requestDirections)[number];
export const requestStates = ['submitted', 'received', 'accepted', 'declined', 'in-progress', 'answered', 'closed'] as const;
export type RequestState = (typeof requestStates)[number];

/** A request for assistance as this node tracks it: one it made, or one made to it. */
export interface AssistanceRequestTable {
  /** The STIX id of the accord-assistance-request object. */
  id: string;
  direction: RequestDirection;
  requesterParty: string;
  addresseeParty: string;
  addresseeAuthority: string | null;
  state: RequestState;
  urgency: string;
  threatCategory: string;
  title: string;
  lang: string;
  tlp: string | null;
  /** JSON list of provision ids. */
  legalBasis: string;
  versionUs: number;
  submittedUs: number;
  receivedUs: number | null;
  decidedUs: number | null;
  answeredUs: number | null;
  closedUs: number | null;
  /** The requested response date, when the requester gave one. */
  respondByUs: number | null;
  /** The Party that owes an answer to an open clarification request, and that request's step id. */
  clarificationParty: string | null;
  clarificationStep: string | null;
  createdBy: string | null;
  createdUs: number;
  updatedUs: number;
  nextAction: string | null;
  actionParty: string | null;
  actionAuthority: string | null;
  actionDueUs: number | null;
}

export interface RequestTables {
  assistanceRequest: AssistanceRequestTable;
}
