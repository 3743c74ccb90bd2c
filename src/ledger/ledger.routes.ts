import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';
import { checksOf, evidenceRecorded, verifyRecorded } from './ledger-checks.js';
import { verifyReportView } from './ledger-verify.js';
import { ledgerRange } from './ledger.repository.js';

/** The ledger through the API: entries, verification, reconciliation with a peer, evidence packages. */
export function ledgerRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, database } = services;
  const checks = checksOf(services);
  return async (app) => {
    app.get('/ledger', {
      schema: { tags: ['ledger'], summary: 'Ledger entries from a sequence number on', querystring: Type.Object({ from: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }) },
    }, async (request) => {
      auth.require(request.principal, 'ledger:read');
      const head = await database.db.selectFrom('ledgerHead').selectAll().where('id', '=', 1).executeTakeFirst();
      const limit = request.query.limit ?? 100;
      const from = request.query.from ?? Math.max(1, (head?.seq ?? 0) - limit + 1);
      const entries = await ledgerRange(database.db, from, limit);
      return { head: head ? { seq: head.seq, hash: head.entryHash } : null, entries: entries.map((e) => ({ ...e, at: new Date(e.atUs / 1000).toISOString() })) };
    });
    app.post('/ledger/verify', { schema: { tags: ['ledger'], summary: 'Recompute the chains and verify every signature' } }, async (request) => {
      const user = auth.require(request.principal, 'ledger:verify');
      return verifyReportView(await verifyRecorded(checks, user), request.locale);
    });
    app.post('/ledger/reconcile/:party', { schema: { tags: ['ledger'], summary: 'Compare the channel with a peer’s own view', params: Type.Object({ party: Type.String({ pattern: '^[A-Z]{2,3}$' }) }) } }, async (request) => {
      auth.require(request.principal, 'ledger:verify');
      return services.federation.sync.reconcile(request.params.party);
    });
    app.get('/ledger/evidence/:id', { schema: { tags: ['ledger'], summary: 'A verifiable evidence package for an object', params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' }) }) } }, async (request, reply) => {
      const user = auth.require(request.principal, 'ledger:verify');
      const pkg = await evidenceRecorded(checks, user, request.params.id);
      void reply.header('content-disposition', `attachment; filename="evidence-${request.params.id}.json"`);
      return pkg;
    });
  };
}
