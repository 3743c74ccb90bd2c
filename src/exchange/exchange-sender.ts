import { namedRecipients } from '../protection/recipients.js';
import type { Principal } from '../auth/principal.js';
import { AccordError } from '../errors/errors.js';
import { defineMessages } from '../i18n/messages.js';
import type { IngestPipeline, ObjectOutcome } from '../ingest/ingest.service.js';
import { refusalDetails } from '../ingest/outcome-text.js';
import type { StixObject } from '../objects/object-row.js';
import type { ReleaseService } from '../protection/release.service.js';
import { tlpOf } from '../stix/tlp.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import { stringList } from './exchange-objects.js';

export const exchangeMessage = defineMessages(
  'exchange',
  {
    refused: 'Not sent to {party}: {id} was refused ({reason})',
    releaseDenied: 'Not sent to {party}: {id} may not go there ({rule})',
  },
  {
    refused: '未发送给 {party}：{id} 被拒绝（{reason}）',
    releaseDenied: '未发送给 {party}：{id} 不得发往该方（{rule}）',
  },
  {
    refused: 'Не отправлено {party}: {id} отклонён ({reason})',
    releaseDenied: 'Не отправлено {party}: {id} не может быть туда передан ({rule})',
  },
);

/** The property that records which agreement version governed an exchange (absent before any is known). */
export type GoverningStamp = { readonly profile_version?: string };

/**
 * Shares exchange objects with other Parties by writing them into their outbox collections; the
 * federation signs, pushes and ledgers them from there. Every Party's release decision is taken
 * before anything is written, so a refusal leaves all outboxes untouched.
 */
export class ExchangeSender {
  private readonly checks: Array<(objects: readonly StixObject[]) => Promise<void>> = [];
  private governing: (atUs: number) => Promise<string | undefined> = () => Promise.resolve(undefined);

  constructor(private readonly deps: { ingest: IngestPipeline; collections: CollectionsService; release: ReleaseService }) {}

  /** Adds a check every sending passes first (the agreement's lifecycle: no new exchanges after termination). */
  addCheck(check: (objects: readonly StixObject[]) => Promise<void>): void {
    this.checks.push(check);
  }

  /** Says which profile version (the agreement or a protocol) governs exchanges begun at an instant. */
  useGoverningVersion(governing: (atUs: number) => Promise<string>): void {
    this.governing = governing;
  }

  /**
   * The `profile_version` property an exchange begun at `atUs` carries, so every warning, request,
   * consultation, dispute and consent records the version of the agreement that governed it.
   */
  async governingStamp(atUs: number): Promise<GoverningStamp> {
    const version = await this.governing(atUs);
    return version ? { profile_version: version } : {};
  }

  async send(objects: readonly StixObject[], parties: readonly string[], actor: Principal | 'system'): Promise<void> {
    for (const check of this.checks) await check(objects);
    const decide = await this.deps.release.decider();
    for (const party of parties) {
      for (const object of objects) {
        const markingRefs = stringList(object.object_marking_refs);
        const facts = { id: object.id, type: object.type, tlp: tlpOf(markingRefs) ?? null, originParty: null, markingRefs, hasGranular: false, recipients: namedRecipients(object) };
        const decision = decide(facts, { kind: 'peer', party });
        if (!decision.allow) throw new AccordError('release-denied', exchangeMessage('releaseDenied', { party, id: object.id, rule: decision.rule }));
      }
    }
    for (const party of parties) {
      const collection = await this.deps.collections.byAlias(`outbox-${party}`);
      const outcomes = await this.deps.ingest.ingestObjects(objects, { collectionId: collection.id, originParty: null, actor });
      const refused = outcomes.filter((o) => o.status === 'rejected');
      if (refused.length) throw refusal(party, refused);
    }
  }
}

function refusal(party: string, refused: readonly ObjectOutcome[]): AccordError {
  const first = refused[0];
  return new AccordError('validation-failed', exchangeMessage('refused', { party, id: first?.id ?? '?', reason: first?.reason ?? '' }), {
    details: refusalDetails(refused),
  });
}
