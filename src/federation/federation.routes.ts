import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AccordError } from '../errors/errors.js';
import { authMessage } from '../auth/auth.messages.js';
import type { NodeServices } from '../node/node-services.js';
import { AddPeerBody, ChannelQuery, CheckpointBody, KeyAnnouncementBody, PartyParams, RedeliverBody } from './federation.schema.js';
import type { KeyAnnouncement } from './key-rotation.js';

function peerOf(request: FastifyRequest) {
  const principal = request.principal;
  if (!principal || principal.kind !== 'peer') throw new AccordError('forbidden', authMessage('forbidden', { role: principal?.kind === 'user' ? principal.role : 'anonymous', permission: 'federation' }));
  return principal;
}

/** Node-to-node endpoints (peer principals only): checkpoints, channel views, redelivery requests. */
export function federationRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { sync } = services.federation;
  return async (app) => {
    app.post('/checkpoints', { schema: { hide: true, body: CheckpointBody } }, async (request) => sync.acceptCheckpoint(peerOf(request), request.body));

    app.get('/channel', { schema: { hide: true, querystring: ChannelQuery } }, async (request) => {
      const peer = peerOf(request);
      return { entries: await sync.channel(peer.party, request.query.direction, request.query.from ?? 1, request.query.limit ?? 1000) };
    });

    app.post('/keys', { schema: { hide: true, body: KeyAnnouncementBody } }, async (request) => services.federation.rotation.accept(peerOf(request).party, request.body as unknown as KeyAnnouncement));

    app.post('/redeliver', { schema: { hide: true, body: RedeliverBody } }, async (request) => ({ requeued: await sync.redeliver(peerOf(request), request.body.items) }));
  };
}

/** Peers as this node's users manage them: the card, registration, state, revocation. */
export function peersRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth } = services;
  const { peers, sync, service } = services.federation;
  return async (app) => {
    app.get('/peers', { schema: { tags: ['peers'], summary: 'Peers with state, lag and last contact' } }, async (request) => {
      auth.require(request.principal, 'peers:read');
      return peers.list(request.locale);
    });
    app.get('/peers/card', { schema: { tags: ['peers'], summary: 'This node’s peer card (give it to the other Party with its fingerprint)' } }, async (request) => {
      auth.require(request.principal, 'peers:read');
      return peers.card();
    });
    app.post('/peers', { schema: { tags: ['peers'], summary: 'Register a peer from its card and the fingerprint confirmed out of band', body: AddPeerBody } }, async (request, reply) => {
      const user = auth.require(request.principal, 'peers:manage');
      const card = await peers.add(request.body.card, request.body.fingerprint, user);
      return reply.code(201).send({ party: card.party, url: card.url, fingerprint: card.fingerprint });
    });
    app.delete('/peers/:party', { schema: { tags: ['peers'], summary: 'Revoke a peer: its requests and bundles are refused from now on', params: PartyParams } }, async (request, reply) => {
      const user = auth.require(request.principal, 'peers:manage');
      await peers.revoke(request.params.party, user);
      return reply.code(204).send();
    });
    app.post('/peers/:party/sync', { schema: { tags: ['peers'], summary: 'Deliver now, pull-reconcile and exchange a checkpoint with a peer', params: PartyParams } }, async (request) => {
      const user = auth.require(request.principal, 'ledger:verify');
      void service.wake(request.params.party);
      return sync.syncNow(request.params.party, user, { requestId: request.id });
    });
  };
}
