import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card } from '../../ui/layout';
import { When } from '../../ui/when';
import { ConsentStateBadge, useRecipientLabel } from './consent-bits';
import { useConsents } from './consents.api';

/** On an object another Party provided: the consents that cover it, and a way to ask for one. */
export function ObjectConsents({ objectId }: { readonly objectId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const recipientLabel = useRecipientLabel();
  const consents = useConsents({ object: objectId });
  return (
    <Card title={t('consents.object.title')} testId="object-consents">
      {consents.isPending ? (
        <Loading />
      ) : consents.isError ? (
        <ProblemAlert error={consents.error} />
      ) : consents.data.length === 0 ? (
        <p className="muted">{t('consents.object.none')}</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('consents.col.state')}</th>
              <th>{t('consents.field.recipient')}</th>
              <th>{t('consents.field.purpose')}</th>
              <th>{t('consents.field.expires')}</th>
            </tr>
          </thead>
          <tbody>
            {consents.data.map((c) => (
              <tr key={c.id} data-testid="object-consent-row" data-state={c.state}>
                <td>
                  <ConsentStateBadge state={c.state} />
                </td>
                <td>{recipientLabel(c.recipient)}</td>
                <td className="cell-wrap">
                  <Link to={`/consents/${c.id}`}>{c.purpose}</Link>
                </td>
                <td>
                  <When at={c.decision ? c.decision.expires : c.requestedUntil} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {session.can('consents:request') && (
        <p>
          <Link
            to={`/consents/new?object=${encodeURIComponent(objectId)}`}
            data-testid="request-consent-link"
          >
            {t('consents.object.request')}
          </Link>
        </p>
      )}
    </Card>
  );
}
