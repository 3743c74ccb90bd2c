import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useProfile } from '../../api/queries';
import type { ImportSummary, Outcome } from '../../api/types';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { ProblemAlert } from '../../ui/feedback';
import { formatBytes, formatNumber } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { startImport, type ImportLine } from './import-stream';

type Phase = 'idle' | 'running' | 'done' | 'failed';
const STATUS_TONE = { new: 'ok', updated: 'info', duplicate: 'muted', rejected: 'bad' } as const;
const ROW = 30;

function OutcomeRows({ outcomes }: { readonly outcomes: readonly Outcome[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: outcomes.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  return (
    <div className="vtable vtable-short" role="table" aria-label={t('import.results')}>
      <div className="vtable-head" role="row">
        <span role="columnheader" className="col-index">
          #
        </span>
        <span role="columnheader" className="col-status">
          {t('import.col.status')}
        </span>
        <span role="columnheader" className="col-name">
          {t('import.col.object')}
        </span>
        <span role="columnheader" className="col-reason">
          {t('import.col.reason')}
        </span>
      </div>
      <div className="vtable-body" ref={ref} data-testid="import-outcomes">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const o = outcomes[row.index];
            if (!o) return null;
            const reason = [o.reason, ...(o.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`)]
              .filter(Boolean)
              .join(' · ');
            return (
              <div
                key={row.key}
                role="row"
                className="vtable-row"
                style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                data-status={o.status}
              >
                <span role="cell" className="col-index">
                  {o.index}
                </span>
                <span role="cell" className="col-status">
                  <Badge tone={STATUS_TONE[o.status]}>{t(`import.status.${o.status}`)}</Badge>
                </span>
                <span role="cell" className="col-name">
                  {o.id && o.status !== 'rejected' ? (
                    <Link to={`/objects/${o.id}`}>{o.id}</Link>
                  ) : (
                    (o.id ?? '—')
                  )}
                </span>
                <span role="cell" className="col-reason" title={reason}>
                  {reason}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Upload a STIX bundle or MISP event; progress and each object's outcome as the node stores them. */
export default function ImportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [collection, setCollection] = useState('intel');
  const [phase, setPhase] = useState<Phase>('idle');
  const [uploaded, setUploaded] = useState(0);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [onlyRejected, setOnlyRejected] = useState(false);
  const outcomes = useRef<Outcome[]>([]);
  const [, setVersion] = useState(0);
  const [dragging, setDragging] = useState(false);

  const onLines = useCallback((lines: readonly ImportLine[]) => {
    for (const line of lines) {
      if (line.type === 'batch') {
        outcomes.current.push(...line.outcomes);
        setSummary(line.summary);
      } else if (line.type === 'summary') {
        setSummary(line.summary);
        setMessage(line.message);
      } else {
        setFailure(new Error(line.message));
        setMessage(line.message);
      }
    }
    setVersion((v) => v + 1);
  }, []);

  function run() {
    if (!file) return;
    outcomes.current = [];
    setSummary(null);
    setMessage('');
    setFailure(null);
    setUploaded(0);
    setPhase('running');
    let failed = false;
    startImport(file, collection, {
      onUpload: (loaded) => setUploaded(loaded),
      onLines,
      onFailure: (error) => {
        failed = true;
        setFailure(error);
      },
      onEnd: () => {
        setPhase(failed ? 'failed' : 'done');
        void queryClient.invalidateQueries({ queryKey: ['objects'] });
      },
    });
  }

  const shown = onlyRejected ? outcomes.current.filter((o) => o.status === 'rejected') : outcomes.current;
  const peers = profile.data?.parties.filter((p) => p.code !== session.me.party) ?? [];
  const uploadPercent = file && file.size > 0 ? Math.min(100, Math.round((uploaded / file.size) * 100)) : 0;

  return (
    <div className="page">
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Card>
        <div
          className={`dropzone ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const dropped = e.dataTransfer.files[0];
            if (dropped) setFile(dropped);
          }}
        >
          <div className="field-label">{t('import.file')}</div>
          <div className="file-row">
            {/* The native control's own words follow the browser's language, not the UI's: it is hidden behind a labelled button. */}
            <label className="file-chooser">
              <input
                type="file"
                className="visually-hidden"
                accept=".json,application/json,application/stix+json"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                data-testid="import-file"
              />
              <span className="button">{t('import.choose')}</span>
            </label>
            <span data-testid="import-file-info">
              {file ? (
                <>
                  <strong>{file.name}</strong> · {formatBytes(file.size, locale)}
                </>
              ) : (
                <span className="muted">{t('import.noFile')}</span>
              )}
            </span>
          </div>
          <p className="muted small">{t('import.drop')}</p>
        </div>
        <div className="form-row">
          <label className="field field-inline">
            <span className="field-label">{t('import.collection')}</span>
            <select
              value={collection}
              onChange={(e) => setCollection(e.target.value)}
              data-testid="import-collection"
            >
              <option value="intel">{t('import.intel')}</option>
              {session.can('share:peer') &&
                peers.map((p) => (
                  <option key={p.code} value={`outbox-${p.code}`}>
                    {t('import.outbox', { party: pickText(p.name, locale) })}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            className="button button-primary"
            disabled={!file || phase === 'running'}
            onClick={run}
            data-testid="import-start"
          >
            {phase === 'running' ? t('import.running') : t('import.start')}
          </button>
        </div>
        {collection !== 'intel' && <p className="alert alert-warn">{t('import.outboxWarning')}</p>}
      </Card>
      {phase !== 'idle' && (
        <Card title={t('import.progress')} testId="import-progress">
          <div className="progress-group">
            <label className="progress-label" htmlFor="upload-progress">
              {t('import.uploaded', { percent: uploadPercent })}
            </label>
            <progress id="upload-progress" max={100} value={uploadPercent} />
          </div>
          <div className="summary-row" aria-live="polite" data-testid="import-summary">
            <span>
              {t('import.processed', {
                count: summary?.total ?? 0,
                formatted: formatNumber(summary?.total ?? 0, locale),
              })}
            </span>
            {(['new', 'updated', 'duplicate', 'rejected'] as const).map((s) => (
              <span key={s} data-testid={`import-count-${s}`}>
                <Badge tone={STATUS_TONE[s]}>{t(`import.status.${s}`)}</Badge>{' '}
                {formatNumber(summary?.[s] ?? 0, locale)}
              </span>
            ))}
          </div>
          {phase === 'done' && message && (
            <p className="alert alert-ok" data-testid="import-done">
              {message}
            </p>
          )}
          <ProblemAlert error={failure} />
        </Card>
      )}
      {outcomes.current.length > 0 && (
        <Card title={t('import.results')} className="card-fill">
          <label className="chip">
            <input
              type="checkbox"
              checked={onlyRejected}
              onChange={(e) => setOnlyRejected(e.target.checked)}
            />
            {t('import.onlyRejected')}
          </label>
          <OutcomeRows outcomes={shown} />
        </Card>
      )}
    </div>
  );
}
