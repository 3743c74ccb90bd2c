import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import { localAuthorityRef } from '../exchange/exchange-authority.js';
import { CONSENT_DECISION_TYPE, CONSENT_REQUEST_TYPE, JOINT_ACTIVITY_TYPE, LEGISLATION_TYPE, LIFECYCLE_RECORD_TYPE } from '../exchange/exchange-ids.js';
import { ConsentService } from '../consent/consent.service.js';
import type { WorkflowServices } from '../exchange/workflows.js';
import type { AdmissionCheck } from '../ingest/ingest.service.js';
import type { Message } from '../i18n/messages.js';
import type { KeyRing } from '../keys/key-ring.js';
import type { StixObject } from '../objects/object-row.js';
import type { Profile } from '../profile/profile.schema.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { AuthoritiesService } from '../authorities/authorities.service.js';
import { LegislationService } from '../legislation/legislation.service.js';
import { AgreementService } from './agreement.service.js';
import { authorsOf } from './party-records.repository.js';
import { authorRefusal, type PartyRecords } from './party-records.js';

/** The agreement's governance on a node: lifecycle, competent authorities, joint activities, legislation. */
export interface GovernanceServices {
  readonly agreement: AgreementService;
  readonly authorities: AuthoritiesService;
  readonly activities: ActivitiesService;
  readonly legislation: LegislationService;
  /** Originator consent (Art. 6(2)): requests, grants, refusals, and the index of live grants. */
  readonly consents: ConsentService;
}

export interface GovernanceInput {
  readonly config: Config;
  readonly profile: Profile;
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly keys: KeyRing;
  readonly collections: CollectionsService;
  readonly workflows: WorkflowServices;
}

/**
 * The admission check of governance records and of the lifecycle: a peer's record must come from
 * its author Party (a Party of the agreement, and the author of any earlier version); after
 * termination no object may open a new exchange, in or out.
 */
function governanceAdmission(profile: Profile, database: Database, collections: CollectionsService, agreement: AgreementService, kinds: readonly PartyRecords[]): AdmissionCheck {
  const collectionKinds = new Map<string, string>();
  const kindOf = async (id: string): Promise<string> => {
    let kind = collectionKinds.get(id);
    if (!kind) {
      kind = await collections.byAlias(id).then((c) => c.kind, () => 'unknown');
      collectionKinds.set(id, kind);
    }
    return kind;
  };
  return async (objects, target) => {
    const exchanged = ['inbox', 'outbox'].includes(await kindOf(target.collectionId));
    const specs = objects.map((o) => kinds.find((k) => k.spec.matches(o))?.spec);
    const authors = target.originParty ? await authorsOf(database.db, objects.filter((_, i) => specs[i]).map((o) => o.id)) : new Map<string, string>();
    const closed = exchanged ? await agreement.openingRefusals(objects) : [];
    return objects.map((object: StixObject, i): Message | undefined => {
      const spec = specs[i];
      const refusal = spec && target.originParty ? authorRefusal(profile, spec, object, target.originParty, authors.get(object.id)) : undefined;
      return refusal ?? closed[i];
    });
  };
}

/** Wires the governance domains to the exchange (arrivals, sending check, admission) and the deadline engine. */
export function createGovernance(input: GovernanceInput): GovernanceServices & { admission: AdmissionCheck } {
  const { config, profile, database, clock, logger, events, keys, collections, workflows } = input;
  let authority: string | undefined;
  const authorityRef = async () => (authority ??= await localAuthorityRef(database, config, profile));
  const base = { database, clock, profile, party: config.node.party, logger, events, keys, deadlines: workflows.deadlines, notifications: workflows.notifications, sender: workflows.sender, authorityRef };
  const agreement = new AgreementService(base);
  const deps = { ...base, governingVersion: (atUs: number) => agreement.governingVersion(atUs) };
  const authorities = new AuthoritiesService(deps, agreement);
  const activities = new ActivitiesService(deps);
  const legislation = new LegislationService(deps);
  const dispatcher = workflows.exchange;
  dispatcher.onArrival([LIFECYCLE_RECORD_TYPE], agreement.arrival);
  dispatcher.onArrival(['identity'], authorities.arrival);
  dispatcher.onArrival([JOINT_ACTIVITY_TYPE], activities.records.arrival);
  dispatcher.onArrival([LEGISLATION_TYPE], legislation.records.arrival);
  const consents = new ConsentService(deps);
  dispatcher.onArrival([CONSENT_REQUEST_TYPE], consents.requests.arrival);
  dispatcher.onArrival([CONSENT_DECISION_TYPE], consents.decisions.arrival);
  workflows.sender.addCheck(agreement.sendingCheck);
  workflows.sender.useGoverningVersion((atUs) => agreement.governingVersion(atUs));
  const admission = governanceAdmission(profile, database, collections, agreement, [agreement.records, authorities.records, activities.records, legislation.records, consents.requests, consents.decisions]);
  return { agreement, authorities, activities, legislation, consents, admission };
}
