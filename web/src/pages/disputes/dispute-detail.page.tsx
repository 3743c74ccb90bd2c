import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import type { Profile } from '../../api/types';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import {
  DisputeStateBadge,
  langTag,
  languagesFor,
  provisionLabel,
  TextsSideBySide,
  useLanguageName,
} from './dispute-bits';
import { DisputeStepForm } from './dispute-step-form';
import {
  disputeStepKinds,
  evidenceUrl,
  provisionsOf,
  useDispute,
  type Dispute,
  type DisputeStep,
  type DisputeStepKind,
} from './disputes.api';

const STEP_TONE: Readonly<Record<DisputeStepKind, 'muted' | 'ok' | 'warn' | 'bad' | 'info'>> = {
  position: 'info',
  consultation: 'muted',
  negotiation: 'muted',
  'diplomatic-channels': 'warn',
  evidence: 'muted',
  outcome: 'ok',
};

/** The provisions a dispute concerns, each in the authentic languages side by side, as the profile holds them. */
function ProvisionsConcerned({ dispute, profile }: { readonly dispute: Dispute; readonly profile: Profile }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const provisions = provisionsOf(profile.provisions, dispute.provisions);
  const unknown = dispute.provisions.filter((id) => !provisions.some((p) => p.id === id));
  const languages = profile.languages.authentic;
  return (
    <Card title={t('disputes.section.provisions')} testId="dispute-provisions">
      <table className="table provisions">
        <thead>
          <tr>
            <th className="col-ref">{t('agreement.ref')}</th>
            {languages.map((l) => (
              <th key={l} lang={langTag(l)}>
                {languageName(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {provisions.map((p) => (
            <tr key={p.id} data-provision={p.id}>
              <th scope="row" className="col-ref">
                {provisionLabel(p, t)}
                <div className="small muted">
                  <code>{p.id}</code>
                </div>
              </th>
              {languages.map((l) => (
                <td key={l} lang={langTag(l)} className="provision-text prewrap" data-lang={l}>
                  {p.text[l] ?? <span className="muted">{t('agreement.noText')}</span>}
                </td>
              ))}
            </tr>
          ))}
          {unknown.map((id) => (
            <tr key={id}>
              <th scope="row" className="col-ref">
                <code>{id}</code>
              </th>
              <td colSpan={languages.length} className="muted">
                {t('disputes.unknownProvision')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** Each Party's positions next to the other's, latest last. */
function Positions({
  dispute,
  languages,
}: {
  readonly dispute: Dispute;
  readonly languages: readonly string[];
}) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <Card title={t('disputes.section.positions')} testId="dispute-positions">
      <div className="side-by-side">
        {dispute.parties.map((party) => {
          const positions = dispute.steps.filter((s) => s.kind === 'position' && s.party === party);
          return (
            <section key={party} className="text-version" data-party={party}>
              <h3>{partyName(party)}</h3>
              {positions.length === 0 ? (
                <p className="muted">{t('disputes.noPosition')}</p>
              ) : (
                positions.map((s) => (
                  <div key={s.id} className="stack">
                    <div className="small muted">
                      <When at={s.at} /> · {s.actor}
                    </div>
                    <TextsSideBySide texts={s.content} languages={languages} />
                  </div>
                ))
              )}
            </section>
          );
        })}
      </div>
    </Card>
  );
}

function Evidence({ step }: { readonly step: DisputeStep }) {
  const { t } = useTranslation();
  const session = useSession();
  const mayDownload = session.can('ledger:read');
  return (
    <ul className="bullet-list" data-testid="dispute-evidence">
      {step.evidence.map((e) => (
        <li key={e.objectRef}>
          {mayDownload ? (
            <a
              href={evidenceUrl(e.objectRef)}
              download
              className="mono"
              title={t('disputes.downloadEvidence')}
            >
              {e.objectRef}
            </a>
          ) : (
            <code>{e.objectRef}</code>
          )}
          {e.description && <span> — {e.description}</span>}
          <div className="small muted">
            {t('disputes.packageHash')} <code className="cell-wrap">{e.packageHash}</code>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Timeline({
  dispute,
  languages,
}: {
  readonly dispute: Dispute;
  readonly languages: readonly string[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const partyName = usePartyName();
  return (
    <Card title={t('disputes.section.timeline')}>
      <ol className="steps" data-testid="dispute-steps">
        <li data-kind="raised">
          <div className="text-version-head">
            <Badge tone="info">{t('disputes.step.raised')}</Badge>
            <strong>{partyName(dispute.raisingParty)}</strong> <When at={dispute.created} />
          </div>
        </li>
        {dispute.steps.map((s) => (
          <li key={s.id} data-kind={s.kind}>
            <div className="text-version-head">
              <Badge tone={STEP_TONE[s.kind]}>{t(`disputes.step.${s.kind}`)}</Badge>
              <strong>{partyName(s.party)}</strong> <span className="small muted">{s.actor}</span>{' '}
              <When at={s.at} />
              {s.heldOn && (
                <span className="small">{t('disputes.heldOn', { date: formatDate(s.heldOn, locale) })}</span>
              )}
            </div>
            <TextsSideBySide texts={s.content} languages={languages} />
            {s.evidence.length > 0 && <Evidence step={s} />}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** One dispute: the provisions it concerns, each Party's positions, every step, evidence and outcome. */
export default function DisputeDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const partyName = usePartyName();
  const { id = '' } = useParams();
  const dispute = useDispute(id);
  const profile = useProfile();
  const [open, setOpen] = useState<DisputeStepKind | null>(null);
  if (dispute.isPending || profile.isPending) return <Loading />;
  if (dispute.isError || profile.isError)
    return (
      <div className="page">
        <PageHeader title={t('disputes.title')} />
        <ProblemAlert error={dispute.error ?? profile.error} />
      </div>
    );
  const d = dispute.data;
  const p = profile.data;
  const texts = [d.subject, ...d.steps.map((s) => s.content)];
  const languages = languagesFor(p, texts);
  const formLanguages = [locale, ...languagesFor(p, []), ...p.languages.working].filter(
    (l, i, all) => all.indexOf(l) === i,
  );
  const mayAct = session.can('disputes:write') && d.state === 'open' && d.parties.includes(session.me.party);
  return (
    <div className="page" data-testid="dispute-detail">
      <PageHeader
        title={d.title}
        subtitle={
          <span className="header-badges">
            <DisputeStateBadge state={d.state} />
            <span>{t('disputes.raisedBy', { party: partyName(d.raisingParty) })}</span>
            <span>{t('disputes.between', { parties: d.parties.map(partyName).join(', ') })}</span>
            <When at={d.created} />
            {d.governingVersion && (
              <span className="small muted">
                {t('disputes.governingVersion', { version: d.governingVersion })}
              </span>
            )}
          </span>
        }
      />
      {mayAct && (
        <div className="warning-actions" data-testid="dispute-actions">
          <div className="form-actions">
            {disputeStepKinds.map((k) => (
              <button
                key={k}
                type="button"
                className={open === k ? 'button button-primary' : 'button'}
                aria-pressed={open === k}
                onClick={() => setOpen(open === k ? null : k)}
                data-testid={`dispute-step-${k}`}
              >
                {t(`disputes.action.${k}`)}
              </button>
            ))}
          </div>
          {open && (
            <Card>
              <DisputeStepForm
                key={open}
                dispute={d}
                kind={open}
                languages={formLanguages}
                onDone={() => setOpen(null)}
              />
            </Card>
          )}
        </div>
      )}
      {d.state === 'settled' && d.outcome && (
        <Card title={t('disputes.section.outcome')} testId="dispute-outcome">
          <TextsSideBySide texts={d.outcome} languages={languages} />
        </Card>
      )}
      <Card title={t('disputes.field.subject')}>
        <TextsSideBySide texts={d.subject} languages={languages} testId="dispute-subject" />
      </Card>
      <ProvisionsConcerned dispute={d} profile={p} />
      <Positions dispute={d} languages={languages} />
      <Timeline dispute={d} languages={languages} />
    </div>
  );
}
