import type { ExchangeDispatcher } from '../exchange/exchange-dispatcher.js';
import { EARLY_WARNING_TYPE, WARNING_ACK_TYPE } from '../exchange/exchange-ids.js';
import { WarningArrivals } from './warning-arrivals.js';
import { ACK_RULE, type WarningsDeps } from './warning-records.js';
import { WarningsService } from './warnings.service.js';

/** Creates the warnings domain and connects it to peer arrivals, receipts and the deadline engine. */
export function createWarnings(deps: WarningsDeps, dispatcher: ExchangeDispatcher): WarningsService {
  const service = new WarningsService(deps);
  const arrivals = new WarningArrivals(service.recordKeeper);
  dispatcher.onArrival([EARLY_WARNING_TYPE], arrivals.warning);
  dispatcher.onArrival([WARNING_ACK_TYPE], arrivals.acknowledgement);
  dispatcher.onArrival(['opinion', 'note'], arrivals.assessment);
  dispatcher.onArrival(['language-content'], arrivals.translation);
  dispatcher.onReceipt([EARLY_WARNING_TYPE], arrivals.receipt);
  deps.deadlines.defineRule(ACK_RULE, { actors: 'warnings:acknowledge', waiting: 'warnings:send' });
  return service;
}
