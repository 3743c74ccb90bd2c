import type { StixObject } from '../objects/object-row.js';
import { ACCORD_DEFINITIONS_CREATED, ACCORD_IDENTITY_ID, EXCHANGE_DOCUMENT } from './exchange-ids.js';
import { exchangeKinds, type ExchangeKind } from './exchange-kinds.js';

/** The identity that publishes Accord's extension-definitions. */
export function accordIdentity(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: ACCORD_IDENTITY_ID,
    created: ACCORD_DEFINITIONS_CREATED,
    modified: ACCORD_DEFINITIONS_CREATED,
    name: 'Accord',
    description: 'The Accord software, which publishes the STIX extension-definitions of the exchange objects its nodes send each other',
    identity_class: 'system',
  };
}

/** The published extension-definition of one Accord kind. */
export function extensionDefinition(kind: ExchangeKind): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: kind.extensionId,
    created_by_ref: ACCORD_IDENTITY_ID,
    created: ACCORD_DEFINITIONS_CREATED,
    modified: ACCORD_DEFINITIONS_CREATED,
    name: kind.name,
    description: kind.description,
    schema: `${EXCHANGE_DOCUMENT}#${kind.type}`,
    version: '1.0.0',
    extension_types: [kind.extensionType],
  };
}

/** Accord's identity and every extension-definition, ready to store or share (deterministic). */
export function accordDefinitionObjects(): StixObject[] {
  return [accordIdentity(), ...[...exchangeKinds.values()].map(extensionDefinition)];
}
