import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import type { Profile, Provision, TaxonomyEntry, TextStatus } from '../../api/types';
import { localeTags, pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';

const STATUS_TONE: Readonly<Record<TextStatus, 'ok' | 'info' | 'warn'>> = {
  authentic: 'ok',
  'official-translation': 'info',
  'working-translation': 'warn',
};
const langTag = (l: string) => (l === 'zh' || l === 'ru' || l === 'en' ? localeTags[l] : l);

interface Section {
  readonly key: string;
  readonly part: Provision['part'];
  readonly article?: number;
  readonly inferred: boolean;
  readonly provisions: Provision[];
}

function sectionsOf(provisions: readonly Provision[]): Section[] {
  const out: Section[] = [];
  for (const p of provisions) {
    const key = p.part === 'article' ? `article-${p.article ?? 0}` : p.part;
    let section = out.at(-1);
    if (!section || section.key !== key) {
      section = {
        key,
        part: p.part,
        inferred: Boolean(p.inferredParts?.includes('article')),
        provisions: [],
        ...(p.article !== undefined ? { article: p.article } : {}),
      };
      out.push(section);
    }
    section.provisions.push(p);
  }
  return out;
}

function SectionTitle({ section }: { readonly section: Section }) {
  const { t } = useTranslation();
  if (section.part !== 'article') return <>{t(`agreement.part.${section.part}`)}</>;
  return (
    <>
      {t('agreement.article', { number: section.article ?? 0 })}
      {section.inferred && (
        <span className="badge badge-muted" title={t('agreement.inferredHint')}>
          {t('agreement.inferred')}
        </span>
      )}
    </>
  );
}

function ProvisionsTable({
  profile,
  languages,
}: {
  readonly profile: Profile;
  readonly languages: readonly string[];
}) {
  const { t } = useTranslation();
  const sections = useMemo(() => sectionsOf(profile.provisions), [profile.provisions]);
  return (
    <table className="table provisions" data-testid="provisions">
      <thead>
        <tr>
          <th className="col-ref">{t('agreement.ref')}</th>
          {languages.map((l) => (
            <th key={l} lang={langTag(l)}>
              {t(`agreement.language.${l}`)}
            </th>
          ))}
        </tr>
      </thead>
      {sections.map((section) => (
        <tbody key={section.key}>
          <tr className="section-row">
            <th colSpan={languages.length + 1} scope="colgroup">
              <SectionTitle section={section} />
            </th>
          </tr>
          {section.provisions.map((p) => (
            <tr key={p.id} id={p.id}>
              <td className="col-ref">
                <code>{p.id}</code>
                {p.inferredParts?.includes('paragraph') && (
                  <div className="small muted">{t('agreement.inferred')}</div>
                )}
              </td>
              {languages.map((l) => {
                const status = p.status[l];
                return (
                  <td key={l} lang={langTag(l)} className="provision-text">
                    {status && (
                      <Badge tone={STATUS_TONE[status]} title={t(`agreement.statusHint.${status}`)}>
                        {t(`agreement.status.${status}`)}
                      </Badge>
                    )}{' '}
                    {p.text[l] ?? <span className="muted">{t('agreement.noText')}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Taxonomy({
  title,
  entries,
  testId,
}: {
  readonly title: string;
  readonly entries: readonly TaxonomyEntry[];
  readonly testId: string;
}) {
  const locale = useLocale();
  return (
    <Card title={title} testId={testId}>
      <ol className="taxonomy">
        {entries.map((e) => (
          <li key={e.code}>
            {pickText(e.label, locale)} <code className="small muted">{e.provision}</code>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** The agreement this node serves: provisions side by side in the authentic languages, glossary, taxonomies. */
export default function AgreementPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const profile = useProfile();
  const [withWorking, setWithWorking] = useState(false);
  const [tab, setTab] = useState<'provisions' | 'glossary' | 'taxonomies'>('provisions');
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const p = profile.data;
  const languages = withWorking
    ? [...p.languages.authentic, ...p.languages.working.filter((l) => !p.languages.authentic.includes(l))]
    : p.languages.authentic;

  return (
    <div className="page" data-testid="agreement">
      <PageHeader
        title={pickText(p.title, locale)}
        subtitle={t('agreement.signed', {
          date: formatDate(p.signed.date, locale),
          place: pickText(p.signed.place, locale),
          id: p.id,
          version: p.version,
        })}
      />
      <div className="parties">
        {p.parties.map((party) => (
          <Badge key={party.code} tone="info" title={pickText(party.government, locale)}>
            {party.code} · {pickText(party.name, locale)}
          </Badge>
        ))}
        <span className="muted small">
          {t('agreement.authenticNote', {
            languages: p.languages.authentic.map((l) => t(`agreement.language.${l}`)).join(' / '),
          })}
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label={t('agreement.tabs')}>
        {(['provisions', 'glossary', 'taxonomies'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {t(`agreement.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'provisions' && (
        <Card>
          <label className="chip">
            <input
              type="checkbox"
              checked={withWorking}
              onChange={(e) => setWithWorking(e.target.checked)}
              data-testid="show-english"
            />
            {t('agreement.showWorking')}
          </label>
          <ProvisionsTable profile={p} languages={languages} />
        </Card>
      )}
      {tab === 'glossary' && (
        <Card testId="glossary">
          <table className="table">
            <thead>
              <tr>
                {p.languages.authentic.map((l) => (
                  <th key={l}>{t(`agreement.language.${l}`)}</th>
                ))}
                <th>{t('agreement.definition')}</th>
                <th>{t('agreement.termStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {p.glossary.map((term) => (
                <tr key={term.code}>
                  {p.languages.authentic.map((l) => (
                    <td key={l} lang={langTag(l)}>
                      <strong>{term.term[l]}</strong>
                    </td>
                  ))}
                  <td>{pickText(term.definition, locale)}</td>
                  <td>
                    <Badge tone={term.status === 'annex' ? 'ok' : 'warn'}>
                      {t(`agreement.termStatusValue.${term.status}`)}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {tab === 'taxonomies' && (
        <div className="grid-2">
          <Taxonomy title={t('agreement.threats')} entries={p.threats} testId="threats" />
          <Taxonomy title={t('agreement.directions')} entries={p.directions} testId="directions" />
        </div>
      )}
    </div>
  );
}
