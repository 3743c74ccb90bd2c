import type { ErrorDetail } from '../errors/errors.js';
import type { Locale } from '../i18n/locale.js';
import type { ObjectOutcome, ValidationIssue } from './ingest.service.js';

/** One validation issue as a reader in `locale` gets it (API outcomes, `accord import --json`). */
export function issueView(issue: ValidationIssue, locale: Locale): { path: string; message: string; rule?: string; position?: number } {
  return {
    path: issue.path,
    message: issue.message.text(locale),
    ...(issue.rule ? { rule: issue.rule } : {}),
    ...(issue.position !== undefined ? { position: issue.position } : {}),
  };
}

/** Why refused elements were refused, as error details: each issue, or the reason when there are none. */
export function refusalDetails(refused: readonly ObjectOutcome[]): ErrorDetail[] {
  return refused.flatMap((o): ErrorDetail[] =>
    o.issues?.length
      ? o.issues.map((i) => ({ index: o.index, path: i.path, message: i.message, ...(i.position !== undefined ? { position: i.position } : {}) }))
      : [{ index: o.index, path: '', message: o.reason ?? '' }],
  );
}

/**
 * One line saying why an element was refused: its first `max` validation issues (the reason of an
 * invalid object only counts them), or the reason when there are none.
 */
export function refusalLine(o: ObjectOutcome, locale: Locale, max: number): string {
  const issues = o.issues ?? [];
  if (issues.length === 0) return o.reason?.text(locale) ?? '';
  const shown = issues.slice(0, max).map((i) => `${i.path}: ${i.message.text(locale)}`);
  return [...shown, ...(issues.length > max ? ['…'] : [])].join('; ');
}
