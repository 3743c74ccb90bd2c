import { identifierType, identifierUuidVersion, isIdentifier } from './stix-identifier.js';
import type { ObjectRule } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

/** The id names the object's own type; SCO ids should be deterministic (UUIDv5). */
export const checkIdentifier: ObjectRule = (obj, type, sink) => {
  const id = obj.id;
  if (typeof id !== 'string' || !isIdentifier(id)) return; // the schema reports the format
  if (identifierType(id) !== obj.type) {
    sink.error('/id', 'id-type-mismatch', issueMessage('idTypeMismatch', { type: String(obj.type) }));
  } else if (type.category === 'sco' && identifierUuidVersion(id) !== 5) {
    sink.warn('/id', 'id-uuid-version', issueMessage('idUuidVersion'));
  }
};

/** spec_version is "2.1" and present on everything except cyber-observables, where it is optional. */
export const checkSpecVersion: ObjectRule = (obj, type, sink) => {
  const value = obj.spec_version;
  if (value === undefined) {
    if (type.versioned || type.type === 'marking-definition')
      sink.error('/spec_version', 'spec-version', issueMessage('specVersionRequired'));
  } else if (value !== '2.1') {
    sink.error('/spec_version', 'spec-version', issueMessage('specVersionValue', { value: JSON.stringify(value) }));
  }
};
