import type { Locale } from '../i18n/locale.js';
import { literal, type Message } from '../i18n/messages.js';

/**
 * Every kind of error Accord reports, with its HTTP status and CLI exit code. The code is the
 * stable part of the contract: it becomes the problem `type` and clients switch on it.
 */
export const errorKinds = {
  'bad-request': { status: 400, exit: 2 },
  'malformed-json': { status: 400, exit: 2 },
  'validation-failed': { status: 422, exit: 3 },
  unauthenticated: { status: 401, exit: 4 },
  forbidden: { status: 403, exit: 4 },
  'not-found': { status: 404, exit: 5 },
  'method-not-allowed': { status: 405, exit: 2 },
  'not-acceptable': { status: 406, exit: 2 },
  conflict: { status: 409, exit: 6 },
  gone: { status: 410, exit: 5 },
  'payload-too-large': { status: 413, exit: 2 },
  'unsupported-media-type': { status: 415, exit: 2 },
  'rate-limited': { status: 429, exit: 7 },
  'release-denied': { status: 403, exit: 4 },
  'classification-refused': { status: 422, exit: 3 },
  'signature-invalid': { status: 401, exit: 4 },
  'replay-refused': { status: 401, exit: 4 },
  'peer-unknown': { status: 403, exit: 4 },
  'peer-unreachable': { status: 502, exit: 8 },
  'source-unreachable': { status: 502, exit: 8 },
  'agreement-not-in-force': { status: 409, exit: 6 },
  'invalid-configuration': { status: 500, exit: 9 },
  'invalid-profile': { status: 500, exit: 9 },
  internal: { status: 500, exit: 1 },
} as const satisfies Record<string, { status: number; exit: number }>;

export type ErrorCode = keyof typeof errorKinds;

/** One problem found in input, pointing at where it is (JSON pointer or field name). */
export interface ErrorDetail {
  readonly path: string;
  /** Said in the language of whoever reads it: the API's request locale, the CLI's --lang. */
  readonly message: string | Message;
  readonly index?: number;
  /** 0-based offset into the value at `path` (a pattern's syntax error), for editors to point at. */
  readonly position?: number;
}

/** Details as a reader in `locale` gets them (problem+json, CLI output). */
export function detailsIn(details: readonly ErrorDetail[], locale: Locale): Array<{ path: string; message: string; index?: number; position?: number }> {
  return details.map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.text(locale) }));
}

/** A domain error: services raise these; the HTTP and CLI layers map them in one place each. */
export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly description: Message;
  readonly details: readonly ErrorDetail[];
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Set where a refusal was written to the audit log with what only that place knows (the
   * collection, the object): the HTTP layer, which audits every other 403, then adds no second record.
   */
  audited = false;

  constructor(
    code: ErrorCode,
    description: Message | string,
    options: { details?: readonly ErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const message = typeof description === 'string' ? literal(description) : description;
    super(message.text('en'), { cause: options.cause });
    this.name = 'AccordError';
    this.code = code;
    this.description = message;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }

  /** Says this refusal already has its audit record; returns the error, to be thrown. */
  markAudited(): this {
    this.audited = true;
    return this;
  }

  get status(): number {
    return errorKinds[this.code].status;
  }

  get exitCode(): number {
    return errorKinds[this.code].exit;
  }
}

export function isAccordError(error: unknown): error is AccordError {
  return error instanceof AccordError;
}
