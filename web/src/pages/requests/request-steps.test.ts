import { describe, expect, it } from 'vitest';
import { possibleSteps } from './request-detail.page';
import { requestProblems } from './request-form.page';

describe('request steps offered to each side', () => {
  it('lets the requested Party decide, then answer; the requester only asks and closes', () => {
    expect(
      possibleSteps({ direction: 'received', state: 'received', openClarification: null }, 'CN', true),
    ).toEqual(['acceptance', 'declination', 'clarification-request']);
    expect(
      possibleSteps({ direction: 'received', state: 'received', openClarification: null }, 'CN', false),
    ).toEqual(['clarification-request']);
    expect(
      possibleSteps({ direction: 'received', state: 'accepted', openClarification: null }, 'CN', true),
    ).toEqual(['interim-response', 'answer', 'clarification-request']);
    expect(
      possibleSteps({ direction: 'sent', state: 'answered', openClarification: null }, 'RU', true),
    ).toEqual(['clarification-request', 'closure']);
    expect(
      possibleSteps({ direction: 'sent', state: 'closed', openClarification: null }, 'RU', true),
    ).toEqual([]);
  });

  it('puts an owed clarification answer in place of a new clarification request', () => {
    expect(
      possibleSteps(
        { direction: 'sent', state: 'in-progress', openClarification: { owedBy: 'RU', stepId: null } },
        'RU',
        true,
      ),
    ).toEqual(['clarification-answer', 'closure']);
  });

  it('checks a request before it goes', () => {
    const ok = {
      title: 't',
      facts: 'f',
      threatCategory: 'crime',
      addressee: 'CN',
      assistance: ['preserve-logs'],
      otherDetails: '',
      legalBasis: ['art-3.5'],
    };
    expect(requestProblems(ok)).toEqual({});
    expect(
      Object.keys(requestProblems({ ...ok, assistance: ['other'], legalBasis: [], addressee: '' })).sort(),
    ).toEqual(['addressee', 'legalBasis', 'otherDetails']);
  });
});
