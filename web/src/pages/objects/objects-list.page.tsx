import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { query } from '../../api/client';
import { useObjectPages, useProfile, type ObjectFilters } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { displayName, filterTypes } from '../../stix/stix-display';
import { useStixTypeLabel } from '../../stix/use-stix-labels';
import { OriginBadge, TlpBadge } from '../../ui/badges';
import { ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/layout';

const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
const ROW_HEIGHT = 36;

function filtersOf(params: URLSearchParams): ObjectFilters {
  return {
    q: params.get('q') ?? undefined,
    type: params.getAll('type'),
    tlp: params.getAll('tlp'),
    origin: params.get('origin') ?? undefined,
  };
}

/** The export for an audience of what the list shows: the release policy's, narrowed by the list's filters. */
function exportHref(audience: string, filters: ObjectFilters): string {
  return `/api/v1/export${query({ for: audience, q: filters.q, type: filters.type, tlp: filters.tlp, origin: filters.origin })}`;
}

const isFiltered = (filters: ObjectFilters): boolean =>
  Boolean(filters.q || filters.type?.length || filters.tlp?.length || filters.origin);

/** A text field that reports its value after the user pauses typing. */
function SearchBox({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => onChange(text), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="field field-inline field-grow">
      <span className="visually-hidden">{t('objects.search')}</span>
      <input
        type="search"
        placeholder={t('objects.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="object-search"
      />
    </label>
  );
}

/** Search and filter every STIX object the user may see; rows load as the list scrolls. */
export default function ObjectsListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const typeLabel = useStixTypeLabel();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pages = useObjectPages(filters);
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total;
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= items.length - 40 && pages.hasNextPage && !pages.isFetchingNextPage)
      void pages.fetchNextPage();
  }, [lastIndex, items.length, pages]);

  function update(change: (next: URLSearchParams) => void) {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
    scrollRef.current?.scrollTo({ top: 0 });
  }
  const setOne = (key: string, value: string | undefined) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });
  const toggleTlp = (level: string) =>
    update((next) => {
      const current = next.getAll('tlp');
      next.delete('tlp');
      for (const l of current.includes(level) ? current.filter((c) => c !== level) : [...current, level])
        next.append('tlp', l);
    });

  const peers = profile.data?.parties.filter((p) => p.code !== session.me.party) ?? [];

  return (
    <div className="page page-fill">
      <PageHeader
        title={t('objects.title')}
        actions={
          <>
            <details className="menu">
              <summary className="button">{t('objects.export.button')}</summary>
              <div className="menu-panel" role="menu">
                <p className="small muted">{t('objects.export.hint')}</p>
                {isFiltered(filters) && (
                  <p className="small" data-testid="export-filtered">
                    {t('objects.export.filtered')}
                  </p>
                )}
                {peers.map((p) => (
                  <a
                    key={p.code}
                    role="menuitem"
                    className="menu-item"
                    href={exportHref(p.code, filters)}
                    download
                  >
                    {t('objects.export.forParty', { party: pickText(p.name, locale) })}
                  </a>
                ))}
                <a role="menuitem" className="menu-item" href={exportHref('public', filters)} download>
                  {t('objects.export.public')}
                </a>
              </div>
            </details>
            {session.can('objects:write') && (
              <>
                <Link className="button" to="/import">
                  {t('nav.import')}
                </Link>
                <Link className="button button-primary" to="/new/indicator">
                  {t('nav.newIndicator')}
                </Link>
              </>
            )}
          </>
        }
      />
      <div className="filter-bar" role="search">
        <SearchBox value={filters.q ?? ''} onChange={(v) => setOne('q', v.trim() || undefined)} />
        <label className="field field-inline">
          <span className="field-label">{t('objects.type')}</span>
          <select
            value={filters.type?.[0] ?? ''}
            onChange={(e) => setOne('type', e.target.value || undefined)}
            data-testid="filter-type"
          >
            <option value="">{t('objects.allTypes')}</option>
            {filterTypes.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="tlp-filter">
          <legend className="field-label">TLP</legend>
          {TLP_LEVELS.map((level) => (
            <label key={level} className="chip">
              <input
                type="checkbox"
                checked={filters.tlp?.includes(level) ?? false}
                onChange={() => toggleTlp(level)}
              />
              <TlpBadge tlp={level} />
            </label>
          ))}
        </fieldset>
        <label className="field field-inline">
          <span className="field-label">{t('objects.origin')}</span>
          <select
            value={filters.origin ?? ''}
            onChange={(e) => setOne('origin', e.target.value || undefined)}
            data-testid="filter-origin"
          >
            <option value="">{t('objects.allOrigins')}</option>
            <option value="local">{t('origin.local')}</option>
            {peers.map((p) => (
              <option key={p.code} value={p.code}>
                {pickText(p.name, locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="list-status" aria-live="polite" data-testid="object-total">
        {total === undefined
          ? t('common.loading')
          : t('objects.count', { count: total, formatted: formatNumber(total, locale) })}
        {pages.isFetching && !pages.isPending && (
          <span className="spinner spinner-inline" aria-hidden="true" />
        )}
      </div>
      <ProblemAlert error={pages.error} />
      <div className="vtable" role="table" aria-label={t('objects.title')} aria-rowcount={total ?? -1}>
        <div className="vtable-head" role="row">
          <span role="columnheader" className="col-type">
            {t('objects.col.type')}
          </span>
          <span role="columnheader" className="col-name">
            {t('objects.col.name')}
          </span>
          <span role="columnheader" className="col-tlp">
            TLP
          </span>
          <span role="columnheader" className="col-origin">
            {t('objects.col.origin')}
          </span>
          <span role="columnheader" className="col-date">
            {t('objects.col.modified')}
          </span>
        </div>
        <div className="vtable-body" ref={scrollRef} data-testid="object-rows">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((row) => {
              const item = items[row.index];
              if (!item) return null;
              const modified = typeof item.object.modified === 'string' ? item.object.modified : item.version;
              return (
                <div
                  key={item.id}
                  role="row"
                  aria-rowindex={row.index + 2}
                  className={`vtable-row ${item.revoked ? 'revoked' : ''}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) void navigate(`/objects/${item.id}`);
                  }}
                >
                  <span role="cell" className="col-type">
                    <span className={`type-dot type-${item.type}`} aria-hidden="true" />
                    {typeLabel(item.type)}
                  </span>
                  <span role="cell" className="col-name">
                    <Link to={`/objects/${item.id}`}>{displayName(item.object)}</Link>
                  </span>
                  <span role="cell" className="col-tlp">
                    <TlpBadge tlp={item.tlp} />
                  </span>
                  <span role="cell" className="col-origin">
                    <OriginBadge origin={item.origin} />
                  </span>
                  <span role="cell" className="col-date">
                    {formatDateTime(modified, locale)}
                  </span>
                </div>
              );
            })}
          </div>
          {!pages.isPending && items.length === 0 && <div className="empty">{t('objects.none')}</div>}
        </div>
      </div>
    </div>
  );
}
