import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditPages } from '../../api/queries';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { Denied, isForbidden, Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatUtc } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';

const OUTCOME_TONE = { ok: 'ok', denied: 'warn', failed: 'bad' } as const;

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const text = JSON.stringify(detail);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** Who did what on this node, newest first, with filters; for admins and liaison officers. */
export default function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState({ action: '', actor: '', outcome: '', target: '' });
  const [filters, setFilters] = useState<Record<string, string>>({});
  const pages = useAuditPages(filters, true);
  const events = useMemo(() => pages.data?.pages.flatMap((p) => p.events) ?? [], [pages.data]);
  if (isForbidden(pages.error)) return <Denied />;

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <form
        className="filter-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim())));
        }}
      >
        {(['action', 'actor', 'target'] as const).map((f) => (
          <label key={f} className="field field-inline">
            <span className="field-label">{t(`audit.col.${f}`)}</span>
            <input value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
          </label>
        ))}
        <label className="field field-inline">
          <span className="field-label">{t('audit.col.outcome')}</span>
          <select value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
            <option value="">{t('audit.anyOutcome')}</option>
            {(['ok', 'denied', 'failed'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`audit.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t('audit.apply')}
        </button>
      </form>
      <Card>
        {pages.isPending ? (
          <Loading />
        ) : pages.isError ? (
          <ProblemAlert error={pages.error} />
        ) : (
          <>
            <table className="table table-compact" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{t('audit.col.at')}</th>
                  <th>{t('audit.col.actor')}</th>
                  <th>{t('audit.col.action')}</th>
                  <th>{t('audit.col.outcome')}</th>
                  <th>{t('audit.col.target')}</th>
                  <th>{t('audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {events.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t('audit.none')}
                    </td>
                  </tr>
                )}
                {events.map((e) => (
                  <tr key={e.seq}>
                    <td title={formatUtc(e.at)}>{formatDateTime(e.at, locale)}</td>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <Badge tone={OUTCOME_TONE[e.outcome]}>{t(`audit.outcome.${e.outcome}`)}</Badge>
                    </td>
                    <td className="cell-wrap">{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
                    <td className="cell-wrap small mono">{detailText(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages.hasNextPage && (
              <button
                type="button"
                className="button"
                disabled={pages.isFetchingNextPage}
                onClick={() => void pages.fetchNextPage()}
              >
                {t('audit.older')}
              </button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
