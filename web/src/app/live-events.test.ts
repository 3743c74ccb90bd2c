import { describe, expect, it } from 'vitest';
import { parseFrames } from './live-events';
import { spanParts } from '../ui/countdown';
import { draftProblems } from '../pages/warnings/warning-form.page';

describe('live event stream frames', () => {
  it('reads complete frames, skips comments and keeps the unfinished rest', () => {
    const text =
      ': accord event stream\n\nid: 1\nevent: warning.sent\ndata: {"type":"warning.sent","at":"x","data":{"id":"w1"}}\n\nid: 2\nevent: object.new\ndata: {"type":"obj';
    const { events, rest } = parseFrames(text);
    expect(events).toEqual([{ type: 'warning.sent', data: { id: 'w1' } }]);
    expect(rest).toBe('id: 2\nevent: object.new\ndata: {"type":"obj');
    expect(parseFrames(`${rest}ect.new","data":{}}\n\n`).events).toEqual([{ type: 'object.new', data: {} }]);
  });

  it('ignores frames that are not JSON', () => {
    expect(parseFrames('data: not json\n\n').events).toEqual([]);
  });
});

describe('countdowns and warning drafts', () => {
  it('splits a span into days, hours, minutes and seconds, overdue or not', () => {
    expect(spanParts(((26 * 60 + 3) * 60 + 9) * 1000)).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 9 });
    expect(spanParts(-61_000)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 1 });
  });

  it('needs a title, a threat, an addressee and well-formed references', () => {
    expect(
      Object.keys(
        draftProblems({ title: ' ', threatCategory: '', addressees: [], relatedRefs: 'nope' }),
      ).sort(),
    ).toEqual(['addressees', 'relatedRefs', 'threatCategory', 'title']);
    expect(
      draftProblems({
        title: 'x',
        threatCategory: 'crime',
        addressees: ['RU'],
        relatedRefs: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      }),
    ).toEqual({});
  });
});
