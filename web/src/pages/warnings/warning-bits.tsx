import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import type { Severity } from '../../api/warnings';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';

const SEVERITY_TONE = { critical: 'bad', high: 'warn', medium: 'info', low: 'muted' } as const;

export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity-${severity}`} data-testid="severity">
      <Badge tone={SEVERITY_TONE[severity]}>{t(`warnings.severity.${severity}`)}</Badge>
    </span>
  );
}

/** A warning's state or an addressee's, named in the UI language (unknown states as they are). */
export function StateBadge({ state }: { readonly state: string }) {
  const { t, i18n } = useTranslation();
  const key = `warnings.state.${state}`;
  const tone =
    state === 'closed' || state === 'withdrawn'
      ? 'muted'
      : state === 'assessed' || state === 'acknowledged'
        ? 'ok'
        : 'info';
  return (
    <Badge tone={tone}>
      <span data-testid="warning-state" data-state={state}>
        {i18n.exists(key) ? t(key) : state}
      </span>
    </Badge>
  );
}

/** The label of a threat category of the agreement (Art. 2), from the profile. */
export function useThreatLabel(): (code: string) => string {
  const profile = useProfile();
  const locale = useLocale();
  return (code) => {
    const entry = profile.data?.threats.find((t) => t.code === code);
    return entry ? pickText(entry.label, locale) : code;
  };
}

/** A Party's name from the profile, or its code. */
export function usePartyName(): (code: string) => string {
  const profile = useProfile();
  const locale = useLocale();
  return (code) => {
    const party = profile.data?.parties.find((p) => p.code === code);
    return party ? pickText(party.name, locale) : code;
  };
}
