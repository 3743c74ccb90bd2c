import { v5 as uuidv5 } from 'uuid';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import type { StixObject } from '../objects/object-row.js';
import type { Profile } from '../profile/profile.schema.js';

// Accord's namespace for deterministic identifiers (UUIDv5) of objects it creates itself.
export const ACCORD_NAMESPACE = '6f0d4ad9-7c7b-4f1e-9d42-6a1f6c1b2c3d';

const AUTHORITY_SETTING = 'authority_ref';

/** The STIX identity of the competent authority a node speaks for, derived from its Party and URL. */
export function authorityIdentity(profile: Profile, party: string, url: string, at: Date): StixObject {
  const info = profile.parties.find((p) => p.code === party);
  const lang = info?.defaultLocale ?? 'en';
  const government = info?.government[lang] ?? info?.government.en ?? party;
  const time = at.toISOString();
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidv5(`${party}|${url}`, ACCORD_NAMESPACE)}`,
    created: time,
    modified: time,
    name: government,
    description: `Competent authority of ${info?.name.en ?? party} under ${profile.id}, operating the Accord node at ${url}`,
    identity_class: 'organization',
    sectors: ['government'],
    contact_information: url,
  };
}

export async function readAuthorityRef(database: Database): Promise<string | undefined> {
  const row = await database.db.selectFrom('setting').select('value').where('key', '=', AUTHORITY_SETTING).executeTakeFirst();
  return row?.value;
}

export async function writeAuthorityRef(database: Database, id: string): Promise<void> {
  await database.db.insertInto('setting').values({ key: AUTHORITY_SETTING, value: id }).onConflict((oc) => oc.column('key').doUpdateSet({ value: id })).execute();
}

/** What a node needs before it can federate: its authority identity in intel and its two keys. Idempotent. */
export async function ensureLocalAuthority(services: {
  database: Database;
  clock: Clock;
  profile: Profile;
  config: { node: { party: string; url: string } };
  keys: { generate(purpose: 'node' | 'authority', authorityRef: string | null): Promise<unknown>; publicKeys(): Promise<Array<{ purpose: string; retired: string | null }>> };
  collections: { byAlias(alias: string): Promise<{ id: string }> };
  ingest: { ingestObjects(values: readonly unknown[], target: { collectionId: string; originParty: string | null; actor: 'system' }): Promise<Array<{ status: string }>> };
}): Promise<string> {
  const existing = await readAuthorityRef(services.database);
  const keys = await services.keys.publicKeys();
  if (existing && keys.some((k) => k.purpose === 'node' && !k.retired) && keys.some((k) => k.purpose === 'authority' && !k.retired)) return existing;
  const identity = authorityIdentity(services.profile, services.config.node.party, services.config.node.url, services.clock.now());
  const intel = await services.collections.byAlias('intel');
  const [outcome] = await services.ingest.ingestObjects([identity], { collectionId: intel.id, originParty: null, actor: 'system' });
  if (!outcome || outcome.status === 'rejected') throw new Error('could not store the node authority identity');
  if (!keys.some((k) => k.purpose === 'node' && !k.retired)) await services.keys.generate('node', null);
  if (!keys.some((k) => k.purpose === 'authority' && !k.retired)) await services.keys.generate('authority', identity.id);
  await writeAuthorityRef(services.database, identity.id);
  return identity.id;
}
