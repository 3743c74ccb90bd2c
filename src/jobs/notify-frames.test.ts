import { describe, expect, it } from 'vitest';
import { FrameAssembler, framesOf, MAX_FRAMES, PayloadTooLarge } from './notify-frames.js';

const limit = 8000;
const bytes = (s: string) => Buffer.byteLength(s);
const roundTrip = (payload: string, id = 'm1') => {
  const assembler = new FrameAssembler();
  const out = framesOf(payload, id).map((f) => assembler.accept(f));
  return { whole: out.at(-1), early: out.slice(0, -1) };
};

describe('NOTIFY frames', () => {
  it('sends a small payload as it is', () => {
    expect(framesOf('{"type":"object.new"}', 'm')).toEqual(['{"type":"object.new"}']);
    expect(new FrameAssembler().accept('CN')).toBe('CN');
  });

  it('splits a large payload into frames under the limit and puts it back together', () => {
    const payload = JSON.stringify({ results: Array.from({ length: 2000 }, (_, i) => ({ id: `indicator--${i}`, status: 'new' })) });
    const frames = framesOf(payload, 'm');
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) expect(bytes(frame)).toBeLessThan(limit);
    const { whole, early } = roundTrip(payload);
    expect(early.every((e) => e === undefined)).toBe(true);
    expect(whole).toBe(payload);
  });

  it('keeps Chinese, Russian and characters outside the BMP whole across frame boundaries', () => {
    // 4-byte characters (surrogate pairs) at every offset make a split inside one likely.
    const payload = JSON.stringify({ title: '网络安全预警 Предупреждение 🔐𝕏'.repeat(900) });
    const frames = framesOf(payload, 'm');
    for (const frame of frames) {
      expect(bytes(frame)).toBeLessThan(limit);
      // A lone surrogate would be replaced on the way through UTF-8.
      expect(Buffer.from(frame, 'utf8').toString('utf8')).toBe(frame);
    }
    expect(roundTrip(payload).whole).toBe(payload);
  });

  it('puts interleaved messages back together by id, in any frame order', () => {
    const a = 'a'.repeat(20_000);
    const b = 'б'.repeat(9_000);
    const fa = framesOf(a, 'A');
    const fb = framesOf(b, 'B');
    const assembler = new FrameAssembler();
    const out = [...fb.reverse(), ...fa].map((f) => assembler.accept(f)).filter((x) => x !== undefined);
    expect(out).toEqual([b, a]);
  });

  it('refuses a payload larger than the frames allow, and one that looks like a frame', () => {
    expect(() => framesOf('x'.repeat(MAX_FRAMES * 7800 + 1), 'm')).toThrow(PayloadTooLarge);
    expect(() => framesOf('\u0001abc', 'm')).toThrow(/U\+0001/);
  });
});
