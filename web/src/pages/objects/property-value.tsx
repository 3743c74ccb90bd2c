import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/use-locale';
import { isStixId, typeOfId } from '../../stix/stix-display';
import { useStixTypeLabel } from '../../stix/use-stix-labels';
import { formatDateTime, formatUtc } from '../../ui/format';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A link to another object, named by its type and a short id. */
export function RefLink({ id }: { readonly id: string }) {
  const typeLabel = useStixTypeLabel();
  return (
    <Link to={`/objects/${id}`} className="ref-link" title={id}>
      {typeLabel(typeOfId(id))} <code>{id.split('--')[1]?.slice(0, 8)}</code>
    </Link>
  );
}

function KillChain({ value }: { readonly value: unknown[] }) {
  return (
    <ul className="inline-list">
      {value.map((v, i) => {
        const p = v as { kill_chain_name?: string; phase_name?: string };
        return (
          <li key={i}>
            <span className="chip-static">{p.phase_name}</span>{' '}
            <span className="muted">{p.kill_chain_name}</span>
          </li>
        );
      })}
    </ul>
  );
}

function ExternalReferences({ value }: { readonly value: unknown[] }) {
  const { t } = useTranslation();
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th>{t('objects.ext.source')}</th>
          <th>{t('objects.ext.id')}</th>
          <th>{t('objects.ext.url')}</th>
        </tr>
      </thead>
      <tbody>
        {value.map((v, i) => {
          const r = v as { source_name?: string; external_id?: string; url?: string; description?: string };
          const safeUrl = typeof r.url === 'string' && /^https?:\/\//i.test(r.url) ? r.url : undefined;
          return (
            <tr key={i}>
              <td>{r.source_name}</td>
              <td>{r.external_id ?? r.description}</td>
              <td className="cell-wrap">
                {safeUrl ? (
                  <a href={safeUrl} target="_blank" rel="noopener noreferrer nofollow">
                    {safeUrl}
                  </a>
                ) : (
                  (r.url ?? '')
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Renders a STIX property value for reading: links for references, local time for timestamps. */
export function PropertyValue({ name, value }: { readonly name: string; readonly value: unknown }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{value}</>;
  if (typeof value === 'string') {
    if (isStixId(value)) return <RefLink id={value} />;
    if (TIMESTAMP.test(value))
      return (
        <time dateTime={value} title={formatUtc(value)}>
          {formatDateTime(value, locale)}
        </time>
      );
    if (name === 'pattern') return <code className="pattern">{value}</code>;
    return <span className="prewrap">{value}</span>;
  }
  if (Array.isArray(value)) {
    if (name === 'kill_chain_phases') return <KillChain value={value} />;
    if (name === 'external_references') return <ExternalReferences value={value} />;
    if (value.every((v) => typeof v === 'string'))
      return (
        <ul className="inline-list">
          {value.map((v, i) => (
            <li key={i}>{isStixId(v) ? <RefLink id={v} /> : <span className="chip-static">{v}</span>}</li>
          ))}
        </ul>
      );
  }
  return <pre className="json-inline">{JSON.stringify(value, null, 2)}</pre>;
}
