import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { Locale } from '../i18n/locale.js';
import { taxiiMessage } from './taxii.messages.js';
import { findCollection, insertCollection, listCollectionRows, type CollectionRow } from './collections.repository.js';
import type { CollectionKind } from './taxii.tables.js';

export interface CollectionAccess {
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

/**
 * Who may read and write each kind of collection. `intel` is the node's working store; writing
 * to `outbox-X` shares with Party X (whose node may read it to reconcile); `inbox-X` holds what
 * Party X sent and only X's node writes there.
 */
export function accessTo(collection: Pick<CollectionRow, 'kind' | 'party'>, principal: Principal): CollectionAccess {
  if (principal.kind === 'peer') {
    const theirs = collection.party === principal.party;
    return { canRead: theirs && collection.kind === 'outbox', canWrite: theirs && collection.kind === 'inbox' };
  }
  switch (collection.kind) {
    case 'intel':
      return { canRead: can(principal.role, 'objects:read'), canWrite: can(principal.role, 'objects:write') };
    case 'outbox':
      return { canRead: can(principal.role, 'objects:read'), canWrite: can(principal.role, 'share:peer') };
    case 'inbox':
      return { canRead: can(principal.role, 'inbox:read'), canWrite: false };
  }
}

const titleKeys = { intel: 'intelTitle', outbox: 'outboxTitle', inbox: 'inboxTitle' } as const satisfies Record<CollectionKind, string>;

function defaultTitle(kind: CollectionKind, party: string | null, locale: Locale): string {
  return taxiiMessage(titleKeys[kind], { party: party ?? '?' }).text(locale);
}

/**
 * The title as a reader in `locale` sees it. A built-in collection is stored under its English
 * title (the column is plain text); only a title someone chose is shown as it was written.
 */
export function collectionTitle(row: Pick<CollectionRow, 'kind' | 'party' | 'title'>, locale: Locale): string {
  return row.title === defaultTitle(row.kind, row.party, 'en') ? defaultTitle(row.kind, row.party, locale) : row.title;
}

export class CollectionsService {
  constructor(private readonly database: Database, private readonly clock: Clock) {}

  /** Creates the node's collections: intel, and an outbox and inbox per other Party. Idempotent. */
  async ensureDefaults(otherParties: readonly string[]): Promise<void> {
    await this.ensure('intel', 'intel', null);
    for (const party of otherParties) {
      await this.ensure(`outbox-${party}`, 'outbox', party);
      await this.ensure(`inbox-${party}`, 'inbox', party);
    }
  }

  private async ensure(alias: string, kind: CollectionKind, party: string | null): Promise<void> {
    await insertCollection(this.database.db, {
      id: randomUUID(), alias, kind, party, title: defaultTitle(kind, party, 'en'), description: null, createdUs: this.clock.nowMicros(), lastAddedUs: 0,
    });
  }

  list(): Promise<CollectionRow[]> {
    return listCollectionRows(this.database.db);
  }

  /** The collection with this id or alias, if the principal may see it at all (else 404, not 403). */
  async get(idOrAlias: string, principal: Principal): Promise<CollectionRow & CollectionAccess> {
    const row = await this.find(idOrAlias, principal);
    if (!row || (!row.canRead && !row.canWrite)) throw new AccordError('not-found', taxiiMessage('noCollection', { id: idOrAlias }));
    return row;
  }

  /** The collection with this id or alias and what the principal may do with it, even nothing. */
  async find(idOrAlias: string, principal: Principal): Promise<(CollectionRow & CollectionAccess) | undefined> {
    const row = await findCollection(this.database.db, idOrAlias);
    return row ? { ...row, ...accessTo(row, principal) } : undefined;
  }

  /** The collection by alias, for services acting on the node's own behalf. */
  async byAlias(alias: string): Promise<CollectionRow> {
    const row = await findCollection(this.database.db, alias);
    if (!row) throw new AccordError('not-found', taxiiMessage('noCollection', { id: alias }));
    return row;
  }

  async visibleTo(principal: Principal): Promise<Array<CollectionRow & CollectionAccess>> {
    return (await this.list())
      .map((row) => ({ ...row, ...accessTo(row, principal) }))
      .filter((row) => row.canRead || row.canWrite);
  }
}
