import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';

interface ReleaseDecision {
  readonly audience: string;
  readonly allow: boolean;
  readonly rule: string;
  readonly consentId?: string;
  readonly withheld: readonly string[];
}

/** The release rules the node knows (src/protection/release-policy.ts); anything else is shown as its code. */
const RULES = [
  'tlp-permits',
  'tlp-red',
  'originated-by-audience',
  'originator-consent',
  'originator-consent-required',
  'national-restriction',
  'tlp-clear',
  'tlp-green-community',
  'tlp-green',
  'tlp-amber',
  'tlp-amber+strict',
  'unmarked-not-public',
] as const;

/** What the release policy would do with this object for each audience outside the node, and why. */
export function ReleasePreview({ objectId }: { readonly objectId: string }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const preview = useQuery({
    queryKey: ['objects', 'release', objectId],
    queryFn: ({ signal }) =>
      api<{ decisions: ReleaseDecision[] }>(`/api/v1/objects/${encodeURIComponent(objectId)}/release`, {
        signal,
      }),
  });
  const audienceName = (a: string) =>
    a === 'public'
      ? t('objects.release.public')
      : a === 'third-party'
        ? t('objects.release.thirdParty')
        : partyName(a);
  const ruleText = (rule: string) =>
    (RULES as readonly string[]).includes(rule)
      ? t(`objects.release.rule.${rule}`)
      : rule.startsWith('granular-marking-on-')
        ? t('objects.release.rule.granular', { property: rule.slice('granular-marking-on-'.length) })
        : rule;
  return (
    <Card title={t('objects.release.title')} testId="release-preview">
      <p className="muted small">{t('objects.release.hint')}</p>
      {preview.isPending && <Loading />}
      {preview.isError && <ProblemAlert error={preview.error} />}
      {preview.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('objects.release.audience')}</th>
              <th scope="col">{t('objects.release.decision')}</th>
              <th scope="col">{t('objects.release.why')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.data.decisions.map((d) => (
              <tr
                key={d.audience}
                data-testid="release-decision"
                data-audience={d.audience}
                data-allow={d.allow}
              >
                <th scope="row">{audienceName(d.audience)}</th>
                <td>
                  <Badge tone={d.allow ? 'ok' : 'bad'}>
                    {d.allow ? t('objects.release.allowed') : t('objects.release.refused')}
                  </Badge>
                </td>
                <td>
                  {ruleText(d.rule)}
                  {d.withheld.length > 0 && (
                    <span className="small muted">
                      {' '}
                      {t('objects.release.withheld', { properties: d.withheld.join(', ') })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
