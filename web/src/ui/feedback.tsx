import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Shows why a call failed, in the node's own (localised) words when it gave them. */
export function ProblemAlert({ error, title }: { readonly error: unknown; readonly title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  let detail = t('errors.unexpected');
  if (error instanceof ApiError) {
    if (error.problem) detail = error.problem.detail;
    else if (error.status >= 500) detail = t('errors.server', { status: error.status });
    else detail = t('errors.http', { status: error.status });
  } else if (error instanceof TypeError) detail = t('errors.network');
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {detail}
    </div>
  );
}

/** A view the user's role may not see: says so plainly and shows nothing else. */
export function Denied() {
  const { t } = useTranslation();
  return (
    <section className="denied" role="alert" data-testid="denied">
      <h1>{t('denied.title')}</h1>
      <p>{t('denied.body')}</p>
    </section>
  );
}

export function Loading({ label }: { readonly label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { readonly children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** True when an error is the node refusing for lack of rights. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
