import { useLocale } from '../i18n/use-locale';
import { formatDateTime, formatUtc } from './format';

/** A moment in the user's local time, with UTC on hover; a dash when unknown. */
export function When({ at }: { readonly at: string | null | undefined }) {
  const locale = useLocale();
  if (!at) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={formatUtc(at)}>
      {formatDateTime(at, locale)}
    </time>
  );
}

/** A short list of texts as bullets; a dash when empty. */
export function TextList({ items }: { readonly items: readonly string[] }) {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="bullet-list">
      {items.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ul>
  );
}
