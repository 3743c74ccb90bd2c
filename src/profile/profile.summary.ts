import type { Locale } from '../i18n/locale.js';
import { profileMessage as msg } from './profile.messages.js';
import type { Profile, ProfileText } from './profile.schema.js';

/**
 * A text in the reader's language, else in the first authentic language of the profile (a
 * profile need not carry Accord's interface languages), else whatever it has.
 */
export function pickText(profile: Profile, text: ProfileText, locale: Locale): string {
  return text[locale] ?? text[profile.languages.authentic[0] ?? ''] ?? Object.values(text)[0] ?? '';
}

function list(values: readonly string[]): string {
  return values.length ? values.join(', ') : '—';
}

/** The human summary `accord profile show` prints, one line per entry. */
export function profileSummary(profile: Profile, locale: Locale): string[] {
  const t = (text: ProfileText): string => pickText(profile, text, locale);
  const m = (key: Parameters<typeof msg>[0], params?: Parameters<typeof msg>[1]): string => msg(key, params).text(locale);
  const { deadlines, consultations, lifecycle, markings, dayCounting } = profile;
  const zone = dayCounting.legalDateZone;
  const ack = deadlines.warningAcknowledgement;
  const help = deadlines.assistanceResponse;
  const tag = (basis: string, provision: string): string => `[${provision}${basis === 'agreement' ? '' : `; ${m(`show.basis.${basis}` as Parameters<typeof msg>[0])}`}]`;
  return [
    `${t(profile.title)} (${profile.id} ${profile.version})`,
    m('show.signed', { date: profile.signed.date, place: t(profile.signed.place) }),
    m('show.languages', { authentic: list(profile.languages.authentic), working: list(profile.languages.working) }),
    '',
    m('show.parties'),
    ...profile.parties.map((p) => `  ${m('show.party', { code: p.code, name: t(p.name), zone: p.timeZone, locale: p.defaultLocale })}`),
    '',
    m('show.provisions', {
      count: profile.provisions.length,
      inferred: profile.provisions.filter((p) => p.inferred).length,
      terms: profile.glossary.length,
    }),
    '',
    m('show.threats', { count: profile.threats.length }),
    ...profile.threats.map((x) => `  ${x.code.padEnd(20)} ${t(x.label)} [${x.provision}]`),
    '',
    m('show.directions', { count: profile.directions.length }),
    ...profile.directions.map((x) => `  ${x.code.padEnd(22)} ${t(x.label)} [${x.provision}]`),
    '',
    m('show.deadlines'),
    `  ${m('show.authority-exchange', { days: deadlines.authorityExchange.days })} ${tag(deadlines.authorityExchange.basis, deadlines.authorityExchange.provision)}`,
    `  ${m('show.entry-into-force', { days: lifecycle.entryIntoForce.days })} ${tag(lifecycle.entryIntoForce.basis, lifecycle.entryIntoForce.provision)}`,
    `  ${m('show.termination', { days: lifecycle.termination.days })} ${tag(lifecycle.termination.basis, lifecycle.termination.provision)}`,
    `  ${m('show.consultations', { perYear: consultations.regular.perYear, rotation: consultations.regular.hostRotation.join(' → ') })} ${tag(consultations.regular.basis, consultations.regular.provision)}`,
    `  ${m('show.extraordinary', { who: m(`show.who.${consultations.extraordinary.proposedBy}`) })} ${tag(consultations.extraordinary.basis, consultations.extraordinary.provision)}`,
    `  ${m('show.ack', ack.within)} ${tag(ack.basis, ack.provision)}`,
    `  ${m('show.assistance', help.within)} ${tag(help.basis, help.provision)}`,
    `  ${m('show.day-counting', {
      convention: m(`show.convention.${dayCounting.convention}`),
      zone: m(`show.zone.${zone.rule}`, { zone: zone.timeZone ?? '' }),
    })}`,
    '',
    m('show.markings', {
      tlp: markings.tlp.levels.map((l) => l.name).join(', '),
      default: markings.tlp.default,
      ceiling: m(`show.ceiling.${markings.nodeAccreditation.defaultCeiling}`),
    }),
    ...markings.classification.schemes.map(
      (s) => `  ${m('show.scheme', { party: s.party, levels: s.levels.map((l) => `${t(l.label)} (${l.rank})`).join(' < ') })}`,
    ),
    m('show.cost-bearer', { bearer: m(`show.cost.${profile.financing.defaultCostBearer}`) }),
  ];
}
