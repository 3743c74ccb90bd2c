import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { formatDate } from '../../ui/format';

/** A direction of cooperation's label from the profile (Art. 3), or its code. */
export function useDirectionLabel(): (code: string) => string {
  const profile = useProfile();
  const locale = useLocale();
  return (code) => {
    const direction = profile.data?.directions.find((d) => d.code === code);
    return direction ? pickText(direction.label, locale) : code;
  };
}

/** Directions of cooperation as small labels. */
export function DirectionList({ codes }: { readonly codes: readonly string[] | undefined }) {
  const label = useDirectionLabel();
  if (!codes?.length) return <span className="muted">—</span>;
  return (
    <ul className="inline-list">
      {codes.map((c) => (
        <li key={c}>
          <span className="badge badge-muted">{label(c)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A legal date (YYYY-MM-DD) in the user's language; the raw date is kept for machines. */
export function LegalDate({ date, testId }: { readonly date: string | null | undefined; readonly testId?: string }) {
  const locale = useLocale();
  if (!date) return <span className="muted">—</span>;
  return (
    <time dateTime={date} data-date={date} data-testid={testId}>
      {formatDate(date, locale)}
    </time>
  );
}

/** A field's problem, shown once the user tried to save. */
export function FieldProblem({ problem }: { readonly problem: string | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <span className="field-error" role="alert">
      {t(problem)}
    </span>
  );
}

export const toggle = (list: readonly string[], value: string, on: boolean): string[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
