import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useObject } from '../../api/queries';
import { displayName } from '../../stix/stix-display';
import { Badge } from '../../ui/badges';
import { RefLink } from '../objects/property-value';
import { usePartyName } from '../warnings/warning-bits';
import type { ConsentState } from './consents.api';

const STATE_TONE = {
  pending: 'warn',
  granted: 'ok',
  refused: 'bad',
  revoked: 'bad',
  expired: 'muted',
} as const satisfies Record<ConsentState, string>;

export function ConsentStateBadge({ state }: { readonly state: ConsentState }) {
  const { t, i18n } = useTranslation();
  const key = `consents.state.${state}`;
  return (
    <Badge tone={STATE_TONE[state] ?? 'muted'}>
      <span data-testid="consent-state" data-state={state}>
        {i18n.exists(key) ? t(key) : state}
      </span>
    </Badge>
  );
}

/** Who a disclosure would go to: the public, a named third party, or another Party by name. */
export function useRecipientLabel(): (recipient: string) => string {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (recipient) => {
    if (recipient === 'public') return t('consents.recipient.public');
    if (recipient.startsWith('third-party:'))
      return t('consents.recipient.thirdParty', { name: recipient.slice('third-party:'.length) });
    return partyName(recipient);
  };
}

/** An object of a consent, by name when this node holds it, linked to its page. */
export function ConsentObject({ id }: { readonly id: string }) {
  const object = useObject(id);
  if (!object.data) return <RefLink id={id} />;
  return (
    <Link to={`/objects/${id}`} title={id} data-testid="consent-object">
      {displayName(object.data.object)}
    </Link>
  );
}

/** An object's name as text (no link), for labels of choices. */
export function ObjectName({ id }: { readonly id: string }) {
  const object = useObject(id);
  return object.data ? <>{displayName(object.data.object)}</> : <code className="small">{id}</code>;
}
