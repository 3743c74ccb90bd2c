import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { AccordError, detailsIn, isAccordError } from '../errors/errors.js';
import { repoRoot } from '../../test/support/corpora.js';
import { listProfiles, loadProfile, packageRoot, readProfileData, resolveProfileFile, validateProfile, writeParsedCopies } from './profile.loader.js';

type Path = ReadonlyArray<string | number>;
/** An edit of a stored profile: set the value at a path, or delete it when no value is given. */
type Edit = readonly [Path, unknown?];

/** Plain data of a stored profile after the edits. */
function edited(id: string, ...edits: Edit[]): unknown {
  const doc = parseDocument(readFileSync(resolveProfileFile(id), 'utf8'));
  for (const [path, ...value] of edits) {
    if (value.length) doc.setIn(path, value[0]);
    else doc.deleteIn(path);
  }
  return doc.toJS() as unknown;
}

/** The details of the invalid-profile error that validating `data` raises, as "path: message". */
function problems(data: unknown): string[] {
  try {
    validateProfile(data);
  } catch (error) {
    if (isAccordError(error) && error.code === 'invalid-profile') return detailsIn(error.details, 'en').map((d) => `${d.path}: ${d.message}`);
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

describe('the stored profiles', () => {
  it('lists both and loads each', () => {
    expect(listProfiles()).toEqual(expect.arrayContaining(['cn-ru-2015', 'test-multilateral']));
    for (const id of listProfiles()) expect(loadProfile(id).id).toBe(id);
  });

  it('holds the cn-ru agreement as the issue describes it', () => {
    const p = loadProfile('cn-ru-2015');
    expect(p.parties.map((x) => [x.code, x.timeZone, x.defaultLocale])).toEqual([
      ['CN', 'Asia/Shanghai', 'zh'],
      ['RU', 'Europe/Moscow', 'ru'],
    ]);
    expect(p.languages).toEqual({ authentic: ['zh', 'ru'], working: ['en'] });
    expect(p.signed.date).toBe('2015-05-08');
    expect(p.threats.map((t) => t.code)).toEqual(['aggression', 'economic-damage', 'terrorism', 'crime', 'interference', 'harmful-information']);
    expect(p.threats.map((t) => t.provision)).toEqual(['art-2.1', 'art-2.2', 'art-2.3', 'art-2.4', 'art-2.5', 'art-2.6']);
    expect(p.directions).toHaveLength(15);
    expect(p.directions.map((d) => d.provision)).toEqual(Array.from({ length: 15 }, (_, i) => `art-3.${i + 1}`));
    expect(p.deadlines.authorityExchange).toMatchObject({ days: 60, provision: 'art-5.1' });
    expect(p.consultations.regular).toMatchObject({ perYear: 2, hostRotation: ['CN', 'RU'], provision: 'art-5.4' });
    expect(p.lifecycle.entryIntoForce).toMatchObject({ days: 30, at: 'start-of-day', provision: 'art-9.1' });
    expect(p.lifecycle.termination).toMatchObject({ days: 90, at: 'end-of-day', provision: 'art-9.3' });
    expect(p.deadlines.warningAcknowledgement).toMatchObject({ basis: 'accord-default', within: { critical: 'PT4H', high: 'PT24H', medium: 'PT72H', low: 'P7D' } });
    expect(p.dayCounting).toMatchObject({ convention: 'calendar-days-exclusive', legalDateZone: { rule: 'receiving-party' } });
    expect(p.exchange).toMatchObject({ basis: 'accord-proposal', canonicalization: 'RFC8785', signature: { algorithm: 'EdDSA' } });
    expect(p.financing.defaultCostBearer).toBe('own-party');
    expect(p.lifecycle.survival.rules.map((r) => r.code)).toEqual(['protection-obligations', 'unfinished-joint-work']);
    expect(p.markings.nodeAccreditation.defaultCeiling).toBe('restricted');
    expect(p.glossary.every((t) => t.status === 'working-definition')).toBe(true);
  });

  it('flags inferred article numbers and only those', () => {
    const p = loadProfile('cn-ru-2015');
    const articleInferred = new Map<number, boolean>();
    for (const provision of p.provisions)
      if (provision.article !== undefined)
        articleInferred.set(provision.article, provision.inferredParts?.includes('article') === true || (articleInferred.get(provision.article) ?? false));
    expect([...articleInferred]).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
      [5, false],
      [6, true],
      [7, true],
      [8, true],
      [9, true],
    ]);
    expect(p.provisions.find((x) => x.id === 'art-5.1')).toMatchObject({ inferred: true, inferredParts: ['paragraph'] });
    expect(p.provisions.find((x) => x.id === 'art-5.4')).toMatchObject({ article: 5, paragraph: 4, inferred: false });
    expect(p.provisions.filter((x) => x.part === 'preamble')).toHaveLength(15);
  });

  it('marks zh authentic and ru/en working translations in every provision', () => {
    for (const provision of loadProfile('cn-ru-2015').provisions)
      expect(provision.status).toEqual({ zh: 'authentic', ru: 'working-translation', en: 'working-translation' });
  });

  it('returns a frozen profile, the same one while the file is unchanged', () => {
    const p = loadProfile('cn-ru-2015');
    expect(Object.isFrozen(p.parties[0])).toBe(true);
    expect(() => {
      (p.parties as unknown as unknown[]).push({});
    }).toThrow();
    expect(loadProfile('cn-ru-2015')).toBe(p);
  });

  it('keeps the multilateral profile free of anything cn-ru', () => {
    const p = loadProfile('test-multilateral');
    expect(p.parties.map((x) => x.code)).toEqual(['XA', 'XB', 'XC']);
    expect(p.consultations.regular.hostRotation).toEqual(['XB', 'XC', 'XA']);
    expect(p.dayCounting.convention).toBe('calendar-days-inclusive');
    expect(/"(CN|RU)"/.test(JSON.stringify(p))).toBe(false);
    expect([...p.languages.authentic, ...p.languages.working]).toEqual(['en', 'fr', 'es']);
  });
});

describe('locating profiles', () => {
  it('finds the package root from the compiled layout too', () => {
    expect(packageRoot(join(repoRoot, 'dist', 'src', 'profile'))).toBe(repoRoot);
    expect(packageRoot()).toBe(repoRoot);
  });

  it('loads by path and from another profiles folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-profiles-'));
    mkdirSync(join(dir, 'copy'));
    const data = edited('test-multilateral', [['id'], 'copy']);
    writeFileSync(join(dir, 'copy', 'profile.yaml'), stringify(data));
    writeFileSync(join(dir, 'elsewhere.json'), JSON.stringify(data));
    expect(listProfiles({ profilesDir: dir })).toEqual(['copy']);
    expect(loadProfile('copy', { profilesDir: dir }).id).toBe('copy');
    expect(loadProfile(join(dir, 'elsewhere.json')).parties).toHaveLength(3);
  });

  it('says which profiles exist when an id is unknown', () => {
    const error = catchError(() => loadProfile('cn-us-2099'));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/cn-us-2099.*cn-ru-2015/);
  });

  it('reports a YAML syntax error as an invalid profile naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-profiles-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'id: x\nparties: [CN\n');
    const error = catchError(() => loadProfile(file));
    expect(error.code).toBe('invalid-profile');
    expect(error.message).toContain(file);
  });
});

function catchError(run: () => unknown): AccordError {
  try {
    run();
  } catch (error) {
    if (isAccordError(error)) return error;
    throw error;
  }
  throw new Error('expected an AccordError');
}

describe('rejecting broken profiles, naming the field', () => {
  it('names a missing field', () => {
    const data = edited('cn-ru-2015', [['parties', 1, 'timeZone']], [['deadlines', 'warningAcknowledgement', 'within', 'low']]);
    expect(problems(data)).toEqual(['parties[1].timeZone: is required', 'deadlines.warningAcknowledgement.within.low: is required']);
  });

  it('names a time zone that is not an IANA zone', () => {
    const data = edited('cn-ru-2015', [['parties', 0, 'timeZone'], 'Asia/Beijing']);
    expect(problems(data)).toEqual(['parties[0].timeZone: must be an IANA time zone (e.g. Asia/Shanghai)']);
  });

  it('names an unknown party in the host rotation', () => {
    const data = edited('cn-ru-2015', [['consultations', 'regular', 'hostRotation', 1], 'US']);
    expect(problems(data)).toEqual(['consultations.regular.hostRotation[1]: refers to "US", which is not a Party of the agreement']);
  });

  it('names a duplicate threat code', () => {
    const data = edited('cn-ru-2015', [['threats', 4, 'code'], 'terrorism']);
    expect(problems(data)).toEqual(['threats[4].code: repeats the threat code "terrorism" already used at threats[2].code']);
  });

  it('names a provision text that lacks one of the profile’s languages', () => {
    const data = edited('cn-ru-2015', [['provisions', 20, 'text', 'en']], [['threats', 0, 'label', 'fr'], 'Agression']);
    expect(problems(data)).toEqual([
      'provisions[20].text: lacks the en text (every text needs all of: zh, ru, en)',
      'threats[0].label.fr: has a fr text, but fr is not a language of the profile (zh, ru, en)',
    ]);
  });

  it('names references that lead nowhere', () => {
    const data = edited(
      'cn-ru-2015',
      [['directions', 0, 'provision'], 'art-3.16'],
      [['glossary', 0, 'provisions', 3], 'art-12'],
      [['lifecycle', 'termination', 'provision'], 'art-9.9'],
    );
    expect(problems(data)).toEqual([
      'glossary[0].provisions[3]: refers to provision "art-12", which the profile does not contain',
      'directions[0].provision: refers to provision "art-3.16", which the profile does not contain',
      'lifecycle.termination.provision: refers to provision "art-9.9", which the profile does not contain',
    ]);
  });

  it('checks the classification tables against the schemes', () => {
    const rows = ['markings', 'classification', 'equivalences'];
    const data = edited(
      'cn-ru-2015',
      [[...rows, 1, 'levels', 'RU'], 'ru-nonexistent'],
      [[...rows, 2, 'levels', 'US'], 'us-secret'],
      [['markings', 'tlp', 'default'], 'purple'],
    );
    expect(problems(data)).toEqual([
      'markings.tlp.default: "purple" is not one of the profile’s TLP levels',
      'markings.classification.equivalences[1].levels.RU: "ru-nonexistent" is not a level of the classification scheme of RU',
      'markings.classification.equivalences[2].levels.US: refers to "US", which is not a Party of the agreement',
    ]);
  });

  it('refuses equivalences that cross the rank order of a scheme', () => {
    const rows = ['markings', 'classification', 'equivalences'];
    const data = edited('cn-ru-2015', [[...rows, 1, 'levels', 'RU'], 'ru-sovsekretno'], [[...rows, 2, 'levels', 'RU'], 'ru-sekretno']);
    expect(problems(data)).toEqual([expect.stringMatching(/^markings\.classification\.equivalences\[2\]: .*rows 1 and 2 cross/)]);
  });

  it('names unknown fields, wrong types and bad values, every one of them at once', () => {
    const data = edited(
      'test-multilateral',
      [['parties', 2, 'capital'], 'Coralia City'],
      [['consultations', 'regular', 'perYear'], 5],
      [['provisions', 0, 'paragraph'], 'one'],
      [['signed', 'date'], '2024-02-30'],
      [['deadlines', 'warningAcknowledgement', 'within', 'high'], 'P1M'],
    );
    expect(problems(data)).toEqual(
      expect.arrayContaining([
        'parties[2].capital: is not a field of the profile schema',
        'consultations.regular.perYear: must be one of: 1, 2, 3, 4, 6, 12',
        'provisions[0].paragraph: must be of type integer',
        'signed.date: must be a calendar date YYYY-MM-DD',
        expect.stringMatching(/^deadlines\.warningAcknowledgement\.within\.high: must be an ISO 8601 duration/),
      ]),
    );
  });

  it('ties a fixed legal-date zone to its time zone and inferred flags to their parts', () => {
    const data = edited(
      'test-multilateral',
      [['dayCounting', 'legalDateZone', 'timeZone']],
      [['provisions', 1, 'inferred'], true],
      [['languages', 'working', 1], 'en'],
    );
    expect(problems(data)).toEqual(
      expect.arrayContaining([
        'languages.working[1]: en is listed as both an authentic and a working language',
        'dayCounting.legalDateZone.timeZone: timeZone must be given when the rule is "fixed", and only then',
        'provisions[1].inferredParts: must list the inferred parts exactly when inferred is true',
      ]),
    );
  });

  it('refuses an authentic status for a working language', () => {
    const data = edited('cn-ru-2015', [['provisions', 0, 'status', 'en'], 'authentic']);
    expect(problems(data)).toEqual(['provisions[0].status.en: en is a working language of the profile; its texts cannot be authentic']);
  });

  it('rejects what is not a profile at all', () => {
    expect(problems(null)).toEqual(['(profile): must be of type object']);
    expect(problems({})).toContain('id: is required');
  });
});

describe('the parsed copies the build writes', () => {
  /** A profiles folder holding a copy of the agreement's profile, and an empty folder for its parsed copies. */
  function workspace() {
    const root = mkdtempSync(join(tmpdir(), 'accord-parsed-'));
    const location = { profilesDir: join(root, 'profiles'), parsedCopiesDir: join(root, 'copies') };
    mkdirSync(join(location.profilesDir, 'cn-ru-2015'), { recursive: true });
    const yaml = join(location.profilesDir, 'cn-ru-2015', 'profile.yaml');
    writeFileSync(yaml, readFileSync(resolveProfileFile('cn-ru-2015'), 'utf8'));
    return { location, yaml, copy: join(location.parsedCopiesDir, 'cn-ru-2015.json') };
  }

  it('hold the same profile the YAML does, and the build writes one for every profile it ships', () => {
    const { location, copy } = workspace();
    const fromYaml = loadProfile('cn-ru-2015', location);
    expect(writeParsedCopies(location)).toEqual([copy]);
    const copied = JSON.parse(readFileSync(copy, 'utf8')) as { data: unknown };
    expect(copied.data).toEqual(JSON.parse(JSON.stringify(fromYaml)));
    for (const id of listProfiles()) expect(readProfileData(resolveProfileFile(id))).toEqual(readProfileData(resolveProfileFile(id), { parsedCopiesDir: join(tmpdir(), 'accord-none') }));
    expect(listProfiles().map((id) => existsSync(join(packageRoot(), 'dist', 'profiles', `${id}.json`)))).toEqual(listProfiles().map(() => true));
  });

  it('are read instead of the YAML while they name its hash, and ignored once it is edited, stale or broken', () => {
    const { location, yaml, copy } = workspace();
    writeParsedCopies(location);
    // A copy altered after the build shows which of the two the loader read.
    const built = JSON.parse(readFileSync(copy, 'utf8')) as { sourceSha256: string; data: { title: Record<string, string> } };
    writeFileSync(copy, JSON.stringify({ ...built, data: { ...built.data, title: { ...built.data.title, en: 'read from the copy' } } }));
    expect((readProfileData(yaml, location) as { title: { en: string } }).title.en).toBe('read from the copy');
    // An edited profile counts at once, before any build.
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: cn-ru-2015$/m, 'id: cn-ru-2015-edited'));
    expect((readProfileData(yaml, location) as { id: string }).id).toBe('cn-ru-2015-edited');
    writeFileSync(copy, '{ not json');
    expect((readProfileData(yaml, location) as { id: string }).id).toBe('cn-ru-2015-edited');
  });

  it('fail the build on a broken profile, naming the field', () => {
    const { location, yaml } = workspace();
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: cn-ru-2015$/m, 'id: 42'));
    expect(() => writeParsedCopies(location)).toThrow(/id/);
  });
});
