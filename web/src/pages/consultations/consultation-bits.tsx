import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isStixId } from '../../stix/stix-display';
import { Badge } from '../../ui/badges';
import { RefLink } from '../objects/property-value';
import type { AgendaItem, ConsultationKind, ConsultationState } from './consultations.api';

const STATE_TONE = {
  proposed: 'info',
  agreed: 'ok',
  held: 'warn',
  concluded: 'ok',
  cancelled: 'muted',
} as const;

export function ConsultationStateBadge({ state }: { readonly state: string }) {
  const { t, i18n } = useTranslation();
  const key = `consultations.state.${state}`;
  const tone = STATE_TONE[state as ConsultationState] ?? 'muted';
  return (
    <Badge tone={tone}>
      <span data-testid="consultation-state" data-state={state}>
        {i18n.exists(key) ? t(key) : state}
      </span>
    </Badge>
  );
}

export function KindBadge({ kind }: { readonly kind: ConsultationKind }) {
  const { t } = useTranslation();
  return (
    <Badge tone={kind === 'extraordinary' ? 'warn' : 'muted'}>
      {kind === 'extraordinary' ? t('consultations.kind.extraordinary') : t('consultations.kind.regular')}
    </Badge>
  );
}

/** A linked record of an agenda item (warning, request, dispute, joint activity) opening its own page. */
export function AgendaRef({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const short = id.split('--')[1]?.slice(0, 8);
  if (id.startsWith('accord-early-warning--'))
    return (
      <Link to={`/warnings/${id}`} className="ref-link" title={id}>
        {t('consultations.ref.warning')} <code>{short}</code>
      </Link>
    );
  if (id.startsWith('accord-assistance-request--'))
    return (
      <Link to={`/requests/${id}`} className="ref-link" title={id}>
        {t('consultations.ref.request')} <code>{short}</code>
      </Link>
    );
  if (id.startsWith('accord-dispute--'))
    return (
      <Link to={`/disputes/${id}`} className="ref-link" title={id}>
        {t('consultations.ref.dispute')} <code>{short}</code>
      </Link>
    );
  if (id.startsWith('accord-joint-activity--'))
    return (
      <Link to={`/activities/${id}`} className="ref-link" title={id}>
        {t('consultations.ref.activity')} <code>{short}</code>
      </Link>
    );
  return <RefLink id={id} />;
}

/** The agenda as a numbered list with each item's linked objects. */
export function AgendaList({ agenda }: { readonly agenda: readonly AgendaItem[] }) {
  const { t } = useTranslation();
  if (agenda.length === 0) return <p className="muted">{t('consultations.noAgenda')}</p>;
  return (
    <ol className="agenda-list" data-testid="consultation-agenda">
      {agenda.map((a, i) => (
        <li key={i}>
          <span>{a.title}</span>
          {a.relatedRefs.length > 0 && (
            <ul className="inline-list">
              {a.relatedRefs.map((r) => (
                <li key={r}>
                  <AgendaRef id={r} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

export interface AgendaDraft {
  title: string;
  refs: string;
}

const lines = (text: string) =>
  text
    .split(/[\n,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Agenda drafts as the API takes them (empty rows left out). */
export function agendaBody(rows: readonly AgendaDraft[]): Array<{ title: string; relatedRefs?: string[] }> {
  return rows
    .filter((r) => r.title.trim())
    .map((r) =>
      lines(r.refs).length
        ? { title: r.title.trim(), relatedRefs: lines(r.refs) }
        : { title: r.title.trim() },
    );
}

/** What is wrong with the agenda drafts: a catalog key, or undefined. */
export function agendaProblem(rows: readonly AgendaDraft[]): string | undefined {
  if (!rows.some((r) => r.title.trim())) return 'consultations.form.needAgenda';
  if (rows.some((r) => lines(r.refs).some((ref) => !isStixId(ref)))) return 'consultations.form.badRef';
  return undefined;
}

/** Editable agenda rows: a title and the ids of linked warnings, requests, disputes or activities. */
export function AgendaEditor({
  rows,
  onChange,
  idPrefix,
  problem,
}: {
  readonly rows: readonly AgendaDraft[];
  readonly onChange: (rows: AgendaDraft[]) => void;
  readonly idPrefix: string;
  readonly problem?: string | undefined;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<AgendaDraft>) =>
    onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="agenda-editor" data-testid={`${idPrefix}-agenda`}>
      <legend className="field-label">{t('consultations.field.agenda')} *</legend>
      {rows.map((r, i) => (
        <div key={i} className="agenda-row">
          <label className="field field-grow">
            <span className="field-label">{t('consultations.form.agendaItem', { n: i + 1 })}</span>
            <input
              id={`${idPrefix}-agenda-${i}`}
              value={r.title}
              onChange={(e) => update(i, { title: e.target.value })}
            />
          </label>
          <label className="field field-grow">
            <span className="field-label">{t('consultations.form.agendaRefs', { n: i + 1 })}</span>
            <textarea
              className="mono"
              rows={1}
              value={r.refs}
              onChange={(e) => update(i, { refs: e.target.value })}
            />
          </label>
          {rows.length > 1 && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange(rows.filter((_, n) => n !== i))}
              aria-label={t('consultations.form.removeAgendaItem', { n: i + 1 })}
            >
              {t('consultations.form.remove')}
            </button>
          )}
        </div>
      ))}
      <span className="field-hint">{t('consultations.form.refsHint')}</span>
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...rows, { title: '', refs: '' }])}
        >
          {t('consultations.form.addAgendaItem')}
        </button>
      </div>
      {problem && (
        <span className="field-error" role="alert">
          {t(problem)}
        </span>
      )}
    </fieldset>
  );
}

/** A link that downloads an iCalendar file. */
export function IcsLink({
  href,
  label,
  testId,
}: {
  readonly href: string;
  readonly label: string;
  readonly testId: string;
}) {
  return (
    <a className="button" href={href} download data-testid={testId}>
      {label}
    </a>
  );
}
