import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { authorityIdentity, readAuthorityRef } from '../federation/local-authority.js';
import type { Profile } from '../profile/profile.schema.js';

/**
 * The STIX identity of the competent authority this node speaks for: the one `accord init`
 * recorded, else the deterministic id it derives from the Party and URL (same id either way).
 */
export async function localAuthorityRef(database: Database, config: Config, profile: Profile): Promise<string> {
  const stored = await readAuthorityRef(database);
  return stored ?? String(authorityIdentity(profile, config.node.party, config.node.url, new Date(0)).id);
}
