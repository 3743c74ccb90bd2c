import { parseTimestampMicros } from '../clock/timestamp.js';
import { AccordError } from '../errors/errors.js';
import { checkPartyFilter } from '../profile/party-filter.js';
import type { Profile } from '../profile/profile.schema.js';
import { TLP_LEVELS, type TlpLevel } from '../stix/tlp.js';
import { objectsMessage } from './objects.messages.js';
import type { ObjectSearch } from './objects.repository.js';

/**
 * What an export may be narrowed to: the filters of the object list (so that a user exports what
 * they are looking at), and the versions this node stored after a time (so that a feed is taken
 * again with only what changed since the last time).
 */
export type ExportFilter = Pick<ObjectSearch, 'text' | 'types' | 'tlp' | 'origin' | 'createdByRef' | 'storedAfterUs'>;

/** The filter as a person or a query string gives it: text, before it is checked. */
export interface ExportFilterInput {
  readonly text?: string | undefined;
  readonly types?: readonly string[] | undefined;
  readonly tlp?: readonly string[] | undefined;
  readonly origin?: string | undefined;
  readonly createdBy?: string | undefined;
  readonly addedAfter?: string | undefined;
}

const STIX_TYPE = /^[a-z0-9-]{1,250}$/;
const IDENTITY = /^identity--[0-9a-fA-F-]{36}$/;

const refuse = (filter: 'type' | 'tlp' | 'created-by' | 'added-after', value: string): never => {
  throw new AccordError('bad-request', objectsMessage(`filter.${filter}`, { value }));
};

/**
 * Checks an export filter and turns it into a search: each value that could only ever match
 * nothing (a misspelt type or TLP level, a Party the agreement does not have, a time that is not
 * one) is refused by name rather than exporting an empty bundle as if nothing were held.
 */
export function exportFilter(input: ExportFilterInput, profile: Profile): ExportFilter {
  for (const type of input.types ?? []) if (!STIX_TYPE.test(type)) refuse('type', type);
  for (const level of input.tlp ?? []) if (!TLP_LEVELS.includes(level as TlpLevel)) refuse('tlp', level);
  if (input.origin !== undefined && input.origin !== 'local') checkPartyFilter(profile, input.origin);
  if (input.createdBy !== undefined && !IDENTITY.test(input.createdBy)) refuse('created-by', input.createdBy);
  let storedAfterUs: number | undefined;
  if (input.addedAfter !== undefined) storedAfterUs = parseTimestampMicros(input.addedAfter) ?? refuse('added-after', input.addedAfter);
  const text = input.text?.trim();
  return {
    ...(text ? { text } : {}),
    ...(input.types?.length ? { types: input.types } : {}),
    ...(input.tlp?.length ? { tlp: input.tlp } : {}),
    ...(input.origin !== undefined ? { origin: input.origin } : {}),
    ...(input.createdBy !== undefined ? { createdByRef: input.createdBy } : {}),
    ...(storedAfterUs !== undefined ? { storedAfterUs } : {}),
  };
}

/** A comma-separated command-line value as a list ("indicator,malware"), blanks dropped. */
export function listOption(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((v) => v.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}
