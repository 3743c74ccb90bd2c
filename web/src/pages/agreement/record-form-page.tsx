import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { PageHeader } from '../../ui/layout';

/**
 * The page around a Party record's form: a new record, or a new version of one this Party made.
 * Only the recording Party makes new versions, so another Party's record gets a plain notice.
 */
export function RecordFormPage<R extends { readonly party: string }>({
  id,
  existing,
  title,
  subtitle,
  children,
}: {
  readonly id: string | undefined;
  readonly existing: UseQueryResult<R>;
  readonly title: string;
  readonly subtitle: string;
  readonly children: (record: R | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ProblemAlert error={existing.error} />;
  if (existing.data && existing.data.party !== session.me.party)
    return (
      <div className="page">
        <PageHeader title={title} />
        <div className="alert alert-warn" role="alert">
          {t('governance.notAuthor', { party: existing.data.party })}
        </div>
      </div>
    );
  return (
    <div className="page">
      <PageHeader title={title} subtitle={subtitle} />
      {children(existing.data)}
    </div>
  );
}
