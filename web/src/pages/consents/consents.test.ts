import { describe, expect, it } from 'vitest';
import { possibleActs } from './consent-detail.page';
import { consentProblems, recipientOf, type ConsentDraft } from './consent-form.page';
import { sortConsents, type Consent } from './consents.api';

const consent = (over: Partial<Consent>): Consent => ({
  id: 'accord-consent-request--00000000-0000-4000-8000-000000000000',
  direction: 'received',
  requestingParty: 'RU',
  originatingParty: 'CN',
  objects: ['malware--00000000-0000-4000-8000-000000000001'],
  recipient: 'public',
  purpose: 'x',
  requestedUntil: null,
  requested: '2026-11-01T00:00:00.000Z',
  state: 'pending',
  decision: null,
  ...over,
});

describe('consents in the web app', () => {
  it('lets only a decider of the providing Party grant or refuse a pending request, and revoke a grant', () => {
    expect(possibleActs(consent({}), 'CN', true)).toEqual(['grant', 'refuse']);
    expect(possibleActs(consent({ state: 'granted' }), 'CN', true)).toEqual(['revoke']);
    expect(possibleActs(consent({ state: 'refused' }), 'CN', true)).toEqual([]);
    expect(possibleActs(consent({}), 'CN', false)).toEqual([]);
    expect(
      possibleActs(consent({ direction: 'sent', originatingParty: 'CN', requestingParty: 'RU' }), 'RU', true),
    ).toEqual([]);
  });

  it('puts pending requests first, newest first within each group', () => {
    const items = [
      consent({ id: 'a', state: 'granted', requested: '2026-11-03T00:00:00.000Z' }),
      consent({ id: 'b', state: 'pending', requested: '2026-11-01T00:00:00.000Z' }),
      consent({ id: 'c', state: 'pending', requested: '2026-11-02T00:00:00.000Z' }),
      consent({ id: 'd', state: 'refused', requested: '2026-11-04T00:00:00.000Z' }),
    ];
    expect(sortConsents(items).map((c) => c.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('needs objects, a recipient and a purpose, and spells the recipient as the API does', () => {
    const draft: ConsentDraft = {
      objects: [],
      recipientKind: 'third-party',
      thirdParty: ' ',
      party: '',
      purpose: '',
    };
    expect(Object.keys(consentProblems(draft)).sort()).toEqual(['objects', 'purpose', 'recipient']);
    const ok: ConsentDraft = {
      ...draft,
      objects: ['malware--00000000-0000-4000-8000-000000000001'],
      thirdParty: ' KZ-CERT ',
      purpose: 'p',
    };
    expect(consentProblems(ok)).toEqual({});
    expect(recipientOf(ok)).toBe('third-party:KZ-CERT');
    expect(recipientOf({ ...ok, recipientKind: 'public' })).toBe('public');
    expect(recipientOf({ ...ok, recipientKind: 'party', party: 'KZ' })).toBe('KZ');
  });
});
