import { DisputesService } from '../disputes/disputes.service.js';
import type { ExchangeDispatcher } from '../exchange/exchange-dispatcher.js';
import { CONSULTATION_STEP_TYPE, CONSULTATION_TYPE, DISPUTE_STEP_TYPE, DISPUTE_TYPE } from '../exchange/exchange-ids.js';
import { ACTION_RULE, ConsultationsService, type ConsultationsDeps } from './consultations.service.js';

/** Creates consultations and disputes and connects them to peer arrivals and the deadline engine. */
export function createConsultations(deps: ConsultationsDeps, dispatcher: ExchangeDispatcher): { consultations: ConsultationsService; disputes: DisputesService } {
  const consultations = new ConsultationsService(deps);
  const disputes = new DisputesService(deps);
  dispatcher.onArrival([CONSULTATION_TYPE], consultations.proposalArrived);
  dispatcher.onArrival([CONSULTATION_STEP_TYPE], consultations.stepArrived);
  dispatcher.onArrival([DISPUTE_TYPE], disputes.disputeArrived);
  dispatcher.onArrival([DISPUTE_STEP_TYPE], disputes.stepArrived);
  deps.deadlines.defineRule(ACTION_RULE, { actors: 'consultations:write', waiting: 'consultations:write' });
  return { consultations, disputes };
}
