import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';
import {
  authorityExtension,
  useAuthorities,
  useExchangeStatus,
  type PartyAuthorityStatus,
} from '../agreement/governance.api';
import { DirectionList, LegalDate, useDirectionLabel } from '../agreement/governance-bits';

const MISSING_KEYS = {
  noAuthority: 'governance.authorities.missing.noAuthority',
  noContact: 'governance.authorities.missing.noContact',
  noKey: 'governance.authorities.missing.noKey',
} as const;

function ExchangeStatusPanel() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const partyName = usePartyName();
  const directionLabel = useDirectionLabel();
  const status = useExchangeStatus();
  if (status.isPending) return <Loading />;
  if (status.isError) return <ProblemAlert error={status.error} />;
  const { entryIntoForce, parties } = status.data;
  return (
    <Card title={t('governance.authorities.exchange.title')} testId="exchange-status">
      <p className="small">
        {entryIntoForce ? (
          <>
            {t('governance.authorities.exchange.entry')} <LegalDate date={entryIntoForce} />
          </>
        ) : (
          t('governance.authorities.exchange.notYet')
        )}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('governance.col.party')}</th>
            <th>{t('governance.authorities.exchange.due')}</th>
            <th>{t('governance.authorities.exchange.left')}</th>
            <th>{t('governance.authorities.exchange.stillToShare')}</th>
          </tr>
        </thead>
        <tbody>
          {parties.map((p: PartyAuthorityStatus) => {
            return (
              <tr key={p.party} data-testid={`exchange-${p.party}`} data-complete={p.complete}>
                <td>{partyName(p.party)}</td>
                <td>
                  {p.due ? (
                    <>
                      <LegalDate date={p.due.date} />{' '}
                      <code className="small muted">{p.due.provision}</code>
                    </>
                  ) : (
                    <span className="muted">{t('governance.authorities.exchange.noDeadline')}</span>
                  )}
                </td>
                <td>
                  {p.complete ? (
                    <Badge tone="ok">{t('governance.authorities.exchange.complete')}</Badge>
                  ) : p.due?.instant ? (
                    <Countdown due={p.due.instant} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {p.deadlineState && (
                    <div className="small muted">
                      {optional(`governance.deadlineState.${p.deadlineState}`, p.deadlineState)}
                    </div>
                  )}
                </td>
                <td>
                  {p.complete || p.gaps.length === 0 ? (
                    <span className="muted">{t('governance.authorities.exchange.nothing')}</span>
                  ) : (
                    <ul className="bullet-list">
                      {p.gaps.map((m) => (
                        <li key={m}>{t(MISSING_KEYS[m])}</li>
                      ))}
                    </ul>
                  )}
                  {p.uncoveredAreas.length > 0 && (
                    <details className="small">
                      <summary>
                        {t('governance.authorities.exchange.uncovered', { count: p.uncoveredAreas.length })}
                      </summary>
                      {p.uncoveredAreas.map(directionLabel).join(' · ')}
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

/** Competent authorities of every Party (Art. 5(1)), and where each Party stands with the deadline to share them. */
export default function AuthoritiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const profile = useProfile();
  const partyName = usePartyName();
  const authorities = useAuthorities();
  const mayManage = session.can('authorities:manage');
  const parties = profile.data?.parties.map((p) => p.code) ?? [];
  return (
    <div className="page">
      <PageHeader
        title={t('governance.authorities.title')}
        subtitle={t('governance.authorities.subtitle')}
        actions={
          mayManage && (
            <Link className="button button-primary" to="/authorities/new" data-testid="authority-add">
              {t('governance.authorities.add')}
            </Link>
          )
        }
      />
      {authorities.isPending ? (
        <Loading />
      ) : authorities.isError ? (
        <ProblemAlert error={authorities.error} />
      ) : (
        <div className="stack">
          <ExchangeStatusPanel />
          {parties.map((party) => {
            const own = authorities.data.items.filter((a) => a.party === party);
            return (
              <Card key={party} title={partyName(party)} testId={`authorities-${party}`}>
                {own.length === 0 ? (
                  <p className="muted">{t('governance.authorities.none')}</p>
                ) : (
                  <table className="table" data-testid="authorities-table">
                    <thead>
                      <tr>
                        <th>{t('governance.authorities.field.name')}</th>
                        <th>{t('governance.authorities.field.roles')}</th>
                        <th>{t('governance.authorities.field.areas')}</th>
                        <th>{t('governance.authorities.field.contacts')}</th>
                        <th>{t('governance.col.status')}</th>
                        {mayManage && party === session.me.party && <th>{t('common.actions')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {own.map((a) => {
                        const ext = authorityExtension(a.object);
                        return (
                          <tr key={a.id} data-testid="authority-row">
                            <td>
                              <strong>{a.title}</strong>
                              {typeof a.object.description === 'string' && (
                                <div className="small muted">{a.object.description}</div>
                              )}
                            </td>
                            <td>{(ext?.authority_roles ?? []).join(', ') || '—'}</td>
                            <td>
                              <DirectionList codes={ext?.areas} />
                            </td>
                            <td>
                              <ul className="plain-list">
                                {(ext?.contacts ?? []).map((c, i) => (
                                  <li key={i}>
                                    <span className="muted small">
                                      {t(`governance.authorities.channel.${c.channel}`)}:
                                    </span>{' '}
                                    {c.value}
                                    {c.name ? ` (${c.name})` : ''}{' '}
                                    {c.always_available && (
                                      <Badge tone="ok" title={t('governance.authorities.alwaysHint')}>
                                        {t('governance.authorities.always')}
                                      </Badge>
                                    )}
                                  </li>
                                ))}
                              </ul>
                            </td>
                            <td>
                              <Badge tone={a.status === 'active' ? 'ok' : 'muted'}>
                                {a.status === 'withdrawn'
                                  ? t('governance.authorities.status.withdrawn')
                                  : t('governance.authorities.status.active')}
                              </Badge>
                            </td>
                            {mayManage && party === session.me.party && (
                              <td>
                                <Link className="button button-small" to={`/authorities/${a.id}/edit`}>
                                  {t('common.edit')}
                                </Link>
                              </td>
                            )}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}
