import { AccordError, type ErrorDetail } from '../errors/errors.js';
import type { Message } from '../i18n/messages.js';
import { stixMessage } from './stix.messages.js';
import type { StixIssue, StixValidationResult } from './stix-issue.js';

const OBJECT_PATH = /^\/objects\/(\d+)(?:\/|$)/;

/** The index of the bundle object an issue belongs to, or undefined for envelope issues. */
export function issueObjectIndex(issue: StixIssue): number | undefined {
  const m = OBJECT_PATH.exec(issue.path);
  return m ? Number(m[1]) : undefined;
}

/** The localised summary line of a failed validation (object, object in a bundle, or bundle). */
export function validationSummary(
  result: StixValidationResult,
  kind: 'object' | 'bundle',
  index?: number,
): Message {
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (kind === 'object') {
    return index === undefined
      ? stixMessage('objectInvalid', { count: errors.length })
      : stixMessage('objectAtIndexInvalid', { index, count: errors.length });
  }
  const objects = new Set(errors.map(issueObjectIndex).filter((i) => i !== undefined));
  if (objects.size === 0) return stixMessage('bundleEnvelopeInvalid', { count: errors.length });
  return stixMessage('bundleInvalid', { count: errors.length, objects: objects.size });
}

/** A 'validation-failed' AccordError carrying every error issue as a detail (path, message, index). */
export function stixValidationError(
  result: StixValidationResult,
  kind: 'object' | 'bundle',
  index?: number,
): AccordError {
  const details: ErrorDetail[] = result.issues
    .filter((i) => i.severity === 'error')
    .map((i) => {
      const at = issueObjectIndex(i) ?? index;
      return {
        path: i.path,
        message: i.message,
        ...(at !== undefined ? { index: at } : {}),
        ...(i.position !== undefined ? { position: i.position } : {}),
      };
    });
  return new AccordError('validation-failed', validationSummary(result, kind, index), { details });
}
