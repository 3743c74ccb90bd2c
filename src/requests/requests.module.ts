import type { ExchangeDispatcher } from '../exchange/exchange-dispatcher.js';
import { ASSISTANCE_REQUEST_TYPE, REQUEST_STEP_TYPE } from '../exchange/exchange-ids.js';
import { RequestArrivals } from './request-arrivals.js';
import { ANSWER_RULE, DECISION_RULE, type RequestsDeps } from './request-records.js';
import { RequestsService } from './requests.service.js';

/** Creates the requests domain and connects it to peer arrivals, receipts and the deadline engine. */
export function createRequests(deps: RequestsDeps, dispatcher: ExchangeDispatcher): RequestsService {
  const service = new RequestsService(deps);
  const arrivals = new RequestArrivals(service.records);
  dispatcher.onArrival([ASSISTANCE_REQUEST_TYPE], arrivals.request);
  dispatcher.onArrival([REQUEST_STEP_TYPE], arrivals.step);
  dispatcher.onReceipt([ASSISTANCE_REQUEST_TYPE], arrivals.receipt);
  deps.deadlines.defineRule(DECISION_RULE, { actors: 'requests:decide', waiting: 'requests:submit' });
  deps.deadlines.defineRule(ANSWER_RULE, { actors: 'requests:decide', waiting: 'requests:submit' });
  return service;
}
