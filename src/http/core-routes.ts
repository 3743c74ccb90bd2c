import type { App } from './app.js';
import type { NodeServices } from '../node/node-services.js';
import { opsRoutes } from '../ops/ops.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { objectsRoutes } from '../objects/objects.routes.js';
import { taxiiRoutes } from '../taxii/taxii.routes.js';
import { profileRoutes } from '../profile/profile.routes.js';
import { federationRoutes, peersRoutes } from '../federation/federation.routes.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { eventsRoutes } from '../events/events.routes.js';
import { warningsRoutes } from '../warnings/warnings.routes.js';
import { requestsRoutes } from '../requests/requests.routes.js';
import { notificationsRoutes } from '../notifications/notifications.routes.js';
import { correlationRoutes } from '../correlation/correlation.routes.js';
import { matchingRoutes } from '../matching/matching.routes.js';
import { warninglistsRoutes } from '../warninglists/warninglists.routes.js';
import { agreementRoutes } from '../agreement/agreement.routes.js';
import { authoritiesRoutes } from '../authorities/authorities.routes.js';
import { activitiesRoutes } from '../activities/activities.routes.js';
import { legislationRoutes } from '../legislation/legislation.routes.js';
import { consultationsRoutes } from '../consultations/consultations.routes.js';
import { webUiRoutes } from './web-ui.js';

/** The node core's routes; further domains add theirs through AppOptions.plugins. */
export async function coreRoutes(app: App, services: NodeServices): Promise<void> {
  await app.register(opsRoutes(services));
  await app.register(authRoutes(services), { prefix: '/api/v1' });
  await app.register(auditRoutes(services), { prefix: '/api/v1' });
  await app.register(objectsRoutes(services), { prefix: '/api/v1' });
  await app.register(profileRoutes(services), { prefix: '/api/v1' });
  await app.register(peersRoutes(services), { prefix: '/api/v1' });
  await app.register(ledgerRoutes(services), { prefix: '/api/v1' });
  await app.register(eventsRoutes(services), { prefix: '/api/v1' });
  await app.register(warningsRoutes(services), { prefix: '/api/v1' });
  await app.register(requestsRoutes(services), { prefix: '/api/v1' });
  await app.register(notificationsRoutes(services), { prefix: '/api/v1' });
  await app.register(correlationRoutes(services), { prefix: '/api/v1' });
  await app.register(matchingRoutes(services), { prefix: '/api/v1' });
  await app.register(warninglistsRoutes(services), { prefix: '/api/v1' });
  await app.register(agreementRoutes(services), { prefix: '/api/v1' });
  await app.register(authoritiesRoutes(services), { prefix: '/api/v1' });
  await app.register(activitiesRoutes(services), { prefix: '/api/v1' });
  await app.register(legislationRoutes(services), { prefix: '/api/v1' });
  await app.register(consultationsRoutes(services), { prefix: '/api/v1' });
  await app.register(taxiiRoutes(services), { prefix: '/taxii2' });
  await app.register(federationRoutes(services), { prefix: '/federation/v1' });
  await app.register(webUiRoutes(services));
}
