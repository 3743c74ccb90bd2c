import { profileMessage as msg } from './profile.messages.js';
import { formatPath, type ProfileProblem } from './profile.problems.js';
import type { Profile } from './profile.schema.js';

/*
 * Rules that relate one part of a profile to another, run after the schema has passed. They are
 * what keeps code from trusting a reference that leads nowhere: every provision cited exists,
 * every party named is a Party, every code is unique, every text has every language.
 */

type Segment = string | number;
type Report = (path: readonly Segment[], message: ReturnType<typeof msg>) => void;

/** Object-valued properties with these names are texts per language. */
const TEXT_KEYS = new Set(['title', 'place', 'name', 'government', 'text', 'term', 'definition', 'label', 'note']);

/** Every cross-reference problem of a schema-valid profile (empty when it is consistent). */
export function crossCheck(profile: Profile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const report: Report = (path, message) => problems.push({ path: formatPath(path), message });
  checkLanguages(profile, report);
  walk(profile, [], (value, path) => checkNode(profile, value, path, report));
  checkProvisions(profile, report);
  checkParties(profile, report);
  checkCodes(profile, report);
  checkClassification(profile, report);
  checkRules(profile, report);
  return problems;
}

function walk(value: unknown, path: Segment[], visit: (value: unknown, path: Segment[]) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key], visit);
}

function profileLanguages(profile: Profile): string[] {
  return [...profile.languages.authentic, ...profile.languages.working];
}

function checkLanguages(profile: Profile, report: Report): void {
  profile.languages.working.forEach((lang, i) => {
    if (profile.languages.authentic.includes(lang)) report(['languages', 'working', i], msg('problem.language-twice', { lang }));
  });
}

/** Texts carry every language; provision and glossary references resolve. */
function checkNode(profile: Profile, value: unknown, path: Segment[], report: Report): void {
  const key = path.at(-1);
  const isTextRecord = typeof key === 'string' && TEXT_KEYS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value);
  const isStatus = key === 'status' && path.at(-3) === 'provisions';
  if (isTextRecord || isStatus) checkTextLanguages(profile, value as Record<string, unknown>, path, report);
  if (key === 'provision' && typeof value === 'string') checkProvisionRef(profile, value, path, report);
  if (key === 'provisions' && path.length > 1 && Array.isArray(value))
    value.forEach((ref, i) => typeof ref === 'string' && checkProvisionRef(profile, ref, [...path, i], report));
}

function checkTextLanguages(profile: Profile, text: Record<string, unknown>, path: Segment[], report: Report): void {
  const langs = profileLanguages(profile);
  const list = langs.join(', ');
  for (const lang of langs) if (!(lang in text)) report(path, msg('problem.missing-language', { lang, langs: list }));
  for (const lang of Object.keys(text)) if (!langs.includes(lang)) report([...path, lang], msg('problem.extra-language', { lang, langs: list }));
}

function checkProvisionRef(profile: Profile, ref: string, path: Segment[], report: Report): void {
  if (!profile.provisions.some((p) => p.id === ref)) report(path, msg('problem.unknown-provision', { ref }));
}

function checkProvisions(profile: Profile, report: Report): void {
  profile.provisions.forEach((p, i) => {
    if ((p.part === 'article') !== (p.article !== undefined)) report(['provisions', i, 'article'], msg('problem.article-number'));
    if (p.inferred !== (p.inferredParts !== undefined)) report(['provisions', i, 'inferredParts'], msg('problem.inferred-parts'));
    for (const [lang, status] of Object.entries(p.status))
      if (status === 'authentic' && profile.languages.working.includes(lang))
        report(['provisions', i, 'status', lang], msg('problem.working-not-authentic', { lang }));
  });
}

function knownParty(profile: Profile, code: string): boolean {
  return profile.parties.some((p) => p.code === code);
}

function checkParties(profile: Profile, report: Report): void {
  profile.consultations.regular.hostRotation.forEach((code, i) => {
    if (!knownParty(profile, code)) report(['consultations', 'regular', 'hostRotation', i], msg('problem.unknown-party', { code }));
  });
  profile.markings.classification.schemes.forEach((scheme, i) => {
    if (!knownParty(profile, scheme.party)) report(['markings', 'classification', 'schemes', i, 'party'], msg('problem.unknown-party', { code: scheme.party }));
  });
}

/** Reports the second and later uses of a code within one list. */
function unique(report: Report, what: string, items: ReadonlyArray<{ code: string; path: Segment[] }>): void {
  const first = new Map<string, Segment[]>();
  for (const { code, path } of items) {
    const seen = first.get(code);
    if (seen) report(path, msg('problem.duplicate-code', { what, code, first: formatPath(seen) }));
    else first.set(code, path);
  }
}

function codesOf(list: ReadonlyArray<{ code: string }>, base: Segment[], field = 'code'): Array<{ code: string; path: Segment[] }> {
  return list.map((item, i) => ({ code: item.code, path: [...base, i, field] }));
}

function checkCodes(profile: Profile, report: Report): void {
  unique(report, 'party code', codesOf(profile.parties, ['parties']));
  unique(report, 'provision id', profile.provisions.map((p, i) => ({ code: p.id, path: ['provisions', i, 'id'] })));
  unique(report, 'glossary code', codesOf(profile.glossary, ['glossary']));
  unique(report, 'threat code', codesOf(profile.threats, ['threats']));
  unique(report, 'direction code', codesOf(profile.directions, ['directions']));
  unique(report, 'survival rule code', codesOf(profile.lifecycle.survival.rules, ['lifecycle', 'survival', 'rules']));
  unique(report, 'dispute step code', codesOf(profile.disputes.steps, ['disputes', 'steps']));
  unique(report, 'format code', codesOf(profile.exchange.formats, ['exchange', 'formats']));
  const tlp = profile.markings.tlp;
  unique(report, 'TLP code', codesOf(tlp.levels, ['markings', 'tlp', 'levels']));
  unique(report, 'TLP rank', tlp.levels.map((l, i) => ({ code: String(l.rank), path: ['markings', 'tlp', 'levels', i, 'rank'] })));
  if (!tlp.levels.some((l) => l.code === tlp.default)) report(['markings', 'tlp', 'default'], msg('problem.unknown-tlp', { code: tlp.default }));
  const schemes = profile.markings.classification.schemes;
  unique(report, 'classification scheme of', schemes.map((s, i) => ({ code: s.party, path: ['markings', 'classification', 'schemes', i, 'party'] })));
  unique(report, 'classification level code', schemes.flatMap((s, i) => codesOf(s.levels, ['markings', 'classification', 'schemes', i, 'levels'])));
}

function checkClassification(profile: Profile, report: Report): void {
  const { schemes, equivalences } = profile.markings.classification;
  schemes.forEach((scheme, i) => {
    const ranks = new Set<number>();
    scheme.levels.forEach((level, j) => {
      if (ranks.has(level.rank))
        report(['markings', 'classification', 'schemes', i, 'levels', j, 'rank'], msg('problem.rank-twice', { rank: level.rank, party: scheme.party }));
      ranks.add(level.rank);
    });
  });
  const rankOf = (party: string, level: string): number | undefined =>
    schemes.find((s) => s.party === party)?.levels.find((l) => l.code === level)?.rank;
  equivalences.forEach((row, i) => {
    for (const [party, level] of Object.entries(row.levels)) {
      const path = ['markings', 'classification', 'equivalences', i, 'levels', party];
      if (!knownParty(profile, party)) report(path, msg('problem.unknown-party', { code: party }));
      else if (rankOf(party, level) === undefined) report(path, msg('problem.unknown-level', { level, party }));
    }
  });
  checkRankOrder(equivalences, rankOf, report);
}

/** Two rows may not order two schemes' levels differently (A below B in one scheme, above in another). */
function checkRankOrder(
  rows: Profile['markings']['classification']['equivalences'],
  rankOf: (party: string, level: string) => number | undefined,
  report: Report,
): void {
  rows.forEach((a, i) =>
    rows.slice(i + 1).forEach((b, offset) => {
      const j = i + 1 + offset;
      const signs = new Map<string, number>();
      for (const party of Object.keys(a.levels)) {
        const ra = rankOf(party, a.levels[party] ?? '');
        const rb = rankOf(party, b.levels[party] ?? '');
        if (ra !== undefined && rb !== undefined) signs.set(party, Math.sign(ra - rb));
      }
      const values = [...signs.values()];
      const crossing = values.some((s) => s !== values[0]);
      const party = [...signs.keys()].find((p) => signs.get(p) !== values[0]);
      if (crossing && party) report(['markings', 'classification', 'equivalences', j], msg('problem.rank-order', { first: i, second: j, party }));
    }),
  );
}

function checkRules(profile: Profile, report: Report): void {
  const zone = profile.dayCounting.legalDateZone;
  if ((zone.rule === 'fixed') !== (zone.timeZone !== undefined)) report(['dayCounting', 'legalDateZone', 'timeZone'], msg('problem.fixed-zone'));
  const duration = profile.lifecycle.duration;
  if ((duration.kind === 'fixed-term') !== (duration.years !== undefined)) report(['lifecycle', 'duration', 'years'], msg('problem.fixed-term'));
}
