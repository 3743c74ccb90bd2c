import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { TextList, When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { ConsentObject, ConsentStateBadge, ObjectName, useRecipientLabel } from './consent-bits';
import {
  consentKeys,
  grantConsent,
  refuseConsent,
  revokeConsent,
  useConsent,
  type Consent,
} from './consents.api';

type Act = 'grant' | 'refuse' | 'revoke';

/** The acts open to this user: only the Party that provided the information decides, and only liaisons. */
export function possibleActs(
  c: Pick<Consent, 'direction' | 'originatingParty' | 'state'>,
  me: string,
  mayDecide: boolean,
): Act[] {
  if (!mayDecide || c.direction !== 'received' || c.originatingParty !== me) return [];
  if (c.state === 'pending') return ['grant', 'refuse'];
  if (c.state === 'granted') return ['revoke'];
  return [];
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function ActForm({
  consent,
  act,
  onDone,
}: {
  readonly consent: Consent;
  readonly act: Act;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const askedUntil = consent.requestedUntil?.slice(0, 10) ?? '';
  const [objects, setObjects] = useState<readonly string[]>(consent.objects);
  const [expires, setExpires] = useState(askedUntil);
  const [text, setText] = useState('');
  const mutation = useMutation({
    mutationFn: () => {
      if (act === 'grant')
        return grantConsent(consent.id, {
          ...(objects.length < consent.objects.length ? { objects: [...objects] } : {}),
          ...(expires && expires !== askedUntil ? { expires } : {}),
        });
      if (act === 'refuse') return refuseConsent(consent.id, lines(text));
      return revokeConsent(consent.id, text.trim() || undefined);
    },
    onSuccess: (updated) => {
      client.setQueryData(consentKeys.one(consent.id), updated);
      onDone();
      void client.invalidateQueries({ queryKey: consentKeys.all });
      void client.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  const invalid =
    act === 'grant' ? objects.length === 0 : act === 'refuse' ? lines(text).length === 0 : false;
  return (
    <form
      className="form form-wide"
      data-testid={`consent-form-${act}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) mutation.mutate();
      }}
    >
      {act === 'grant' && (
        <>
          <fieldset className="checklist">
            <legend className="field-label">{t('consents.grant.objects')}</legend>
            {consent.objects.map((id) => (
              <label key={id} className="chip">
                <input
                  type="checkbox"
                  checked={objects.includes(id)}
                  onChange={(e) =>
                    setObjects(e.target.checked ? [...objects, id] : objects.filter((o) => o !== id))
                  }
                />
                <ObjectName id={id} />
              </label>
            ))}
            {objects.length === 0 && (
              <span className="field-error" role="alert">
                {t('consents.grant.needObject')}
              </span>
            )}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('consents.grant.expires')}</span>
            <input type="date" name="expires" value={expires} onChange={(e) => setExpires(e.target.value)} />
            <span className="field-hint">{t('consents.grant.expiresHint')}</span>
          </label>
        </>
      )}
      {act !== 'grant' && (
        <label className="field">
          <span className="field-label">
            {act === 'refuse' ? t('consents.refuse.reasons') : t('consents.revoke.reason')}
          </span>
          <textarea
            rows={4}
            name={act === 'refuse' ? 'reasons' : 'reason'}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required={act === 'refuse'}
          />
          {act === 'refuse' && <span className="field-hint">{t('consents.onePerLine')}</span>}
        </label>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className={act === 'grant' ? 'button button-primary' : 'button button-danger'}
          disabled={mutation.isPending || invalid}
          data-testid={`consent-submit-${act}`}
        >
          {t(`consents.act.${act}`)}
        </button>
      </div>
      <ProblemAlert error={mutation.error} />
    </form>
  );
}

function Decision({ consent }: { readonly consent: Consent }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const d = consent.decision;
  if (!d)
    return (
      <p className="muted" data-testid="consent-no-decision">
        {t('consents.decision.none', { party: partyName(consent.originatingParty) })}
      </p>
    );
  const granted = consent.state === 'granted' || consent.state === 'expired' || consent.state === 'revoked';
  return (
    <dl className="props" data-testid="consent-decision">
      <div className="prop-row">
        <dt>{t('consents.col.state')}</dt>
        <dd>
          <ConsentStateBadge state={consent.state} />
        </dd>
      </div>
      <div className="prop-row">
        <dt>{t('consents.field.decided')}</dt>
        <dd>
          <When at={d.decided} />
        </dd>
      </div>
      {granted && (
        <>
          <div className="prop-row">
            <dt>{t('consents.decision.scope')}</dt>
            <dd>
              {d.objects.length === consent.objects.length
                ? t('consents.decision.allObjects', { count: d.objects.length })
                : t('consents.decision.someObjects', {
                    count: d.objects.length,
                    total: consent.objects.length,
                  })}
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('consents.field.expires')}</dt>
            <dd>{d.expires ? <When at={d.expires} /> : t('consents.decision.noExpiry')}</dd>
          </div>
        </>
      )}
      {d.reasons.length > 0 && (
        <div className="prop-row">
          <dt>{consent.state === 'revoked' ? t('consents.revoke.reason') : t('consents.refuse.reasons')}</dt>
          <dd data-testid="consent-reasons">
            <TextList items={d.reasons} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** One consent request: what was asked, what was decided, the objects, and the acts open to this user. */
export default function ConsentDetailPage() {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const recipientLabel = useRecipientLabel();
  const { id = '' } = useParams();
  const consent = useConsent(id);
  const [open, setOpen] = useState<Act | null>(null);
  if (consent.isPending) return <Loading />;
  if (consent.isError)
    return (
      <div className="page">
        <PageHeader title={t('consents.detail.title')} />
        <ProblemAlert error={consent.error} />
      </div>
    );
  const c = consent.data;
  const acts = possibleActs(c, session.me.party, session.can('consents:decide'));
  const covered = new Set(c.decision?.objects ?? []);
  return (
    <div className="page" data-testid="consent-detail">
      <PageHeader
        title={t('consents.detail.title')}
        subtitle={
          <span className="header-badges">
            <ConsentStateBadge state={c.state} />
            <span>
              {c.direction === 'received'
                ? t('consents.fromParty', { party: partyName(c.requestingParty) })
                : t('consents.toParty', { party: partyName(c.originatingParty) })}
            </span>
          </span>
        }
      />
      {acts.length > 0 && (
        <div className="warning-actions">
          <div className="form-actions">
            {acts.map((a) => (
              <button
                key={a}
                type="button"
                className={open === a ? 'button button-primary' : 'button'}
                aria-expanded={open === a}
                onClick={() => setOpen(open === a ? null : a)}
                data-testid={`consent-act-${a}`}
              >
                {t(`consents.act.${a}`)}
              </button>
            ))}
          </div>
          {open && <ActForm key={open} consent={c} act={open} onDone={() => setOpen(null)} />}
        </div>
      )}
      <div className="grid-2">
        <Card title={t('consents.section.request')}>
          <dl className="props" data-testid="consent-request">
            <div className="prop-row">
              <dt>{t('consents.field.purpose')}</dt>
              <dd className="prewrap">{c.purpose}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('consents.field.recipient')}</dt>
              <dd data-testid="consent-recipient">{recipientLabel(c.recipient)}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('consents.field.requestingParty')}</dt>
              <dd>{partyName(c.requestingParty)}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('consents.field.originatingParty')}</dt>
              <dd>{partyName(c.originatingParty)}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('consents.field.requested')}</dt>
              <dd>
                <When at={c.requested} />
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('consents.field.until')}</dt>
              <dd>{c.requestedUntil ? <When at={c.requestedUntil} /> : t('consents.decision.noExpiry')}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t('consents.section.decision')}>
          <Decision consent={c} />
        </Card>
      </div>
      <Card title={t('consents.section.objects', { count: c.objects.length })}>
        <ul className="plain-list" data-testid="consent-objects">
          {c.objects.map((o) => (
            <li key={o}>
              <ConsentObject id={o} />{' '}
              {c.decision && (c.state === 'granted' || c.state === 'expired') && !covered.has(o) && (
                <Badge tone="muted">{t('consents.decision.notCovered')}</Badge>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
