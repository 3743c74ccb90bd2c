import type { ErrorObject, ValidateFunction } from 'ajv';
import { AccordError } from '../errors/errors.js';
import { crossCheck } from './profile.checks.js';
import { profileMessage as msg } from './profile.messages.js';
import { formatPath, pointerSegments, type ProfileProblem } from './profile.problems.js';
import type { Profile } from './profile.schema.js';
import { compiledProfileValidator, compileProfileValidator } from './profile.validator-code.js';

let loaded: ValidateFunction | undefined;

/** The build's compiled validator when it matches this schema, else one compiled now (once per process). */
function validator(): ValidateFunction {
  loaded ??= compiledProfileValidator() ?? compileProfileValidator();
  return loaded;
}

function problemOf(error: ErrorObject): ProfileProblem {
  const segments = pointerSegments(error.instancePath);
  const p = error.params as Record<string, unknown>;
  const at = (extra?: unknown): string => formatPath(typeof extra === 'string' ? [...segments, extra] : segments);
  switch (error.keyword) {
    case 'required':
      return { path: at(p.missingProperty), message: msg('problem.required') };
    case 'additionalProperties':
      return { path: at(p.additionalProperty), message: msg('problem.unknown-field') };
    case 'type':
      return { path: at(), message: msg('problem.type', { type: String(p.type) }) };
    case 'enum':
      return { path: at(), message: msg('problem.enum', { allowed: (p.allowedValues as unknown[]).join(', ') }) };
    case 'const':
      return { path: at(), message: msg('problem.const', { value: String(p.allowedValue) }) };
    case 'pattern':
      return { path: at(), message: msg('problem.pattern', { pattern: String(p.pattern) }) };
    case 'format':
      return { path: at(), message: formatMessage(String(p.format)) };
    case 'minItems':
      return { path: at(), message: msg('problem.min-items', { limit: Number(p.limit) }) };
    case 'minProperties':
      return { path: at(), message: msg('problem.min-properties', { limit: Number(p.limit) }) };
    case 'uniqueItems':
      return { path: at(), message: msg('problem.unique-items', { first: Number(p.j), second: Number(p.i) }) };
    case 'minimum':
      return { path: at(), message: msg('problem.minimum', { limit: Number(p.limit) }) };
    case 'minLength':
      return { path: at(), message: msg('problem.min-length') };
    default:
      return { path: at(), message: msg('problem.other', { text: error.message ?? error.keyword }) };
  }
}

function formatMessage(format: string): ProfileProblem['message'] {
  switch (format) {
    case 'iana-time-zone':
      return msg('problem.format.iana-time-zone');
    case 'legal-date':
      return msg('problem.format.legal-date');
    default:
      return msg('problem.format.accord-duration');
  }
}

/** Every problem of a candidate profile: schema first, then (only if the shape is right) cross-references. */
export function checkProfile(data: unknown): { profile?: Profile; problems: ProfileProblem[] } {
  const validate = validator();
  if (!validate(data)) {
    const seen = new Set<string>();
    const problems = (validate.errors ?? []).map(problemOf).filter((problem) => {
      const key = `${problem.path}\u0000${problem.message.text('en')}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { problems };
  }
  const profile = data as Profile;
  const problems = crossCheck(profile);
  return problems.length ? { problems } : { profile, problems };
}

/** The error every invalid profile raises: one detail per problem, in English; the CLI localises. */
export function invalidProfileError(where: string, problems: readonly ProfileProblem[]): AccordError {
  return new AccordError('invalid-profile', msg('load.invalid', { file: where, count: problems.length }), {
    details: problems.map((problem) => ({ path: problem.path, message: problem.message })),
  });
}

/** Returns the data typed as a Profile, or throws AccordError('invalid-profile') naming each bad field. */
export function validateProfile(data: unknown, where = 'profile'): Profile {
  const { profile, problems } = checkProfile(data);
  if (!profile) throw invalidProfileError(where, problems);
  return profile;
}
