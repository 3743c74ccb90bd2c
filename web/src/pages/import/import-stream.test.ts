import { describe, expect, it } from 'vitest';
import { NdjsonReader } from './import-stream';

describe('NDJSON import progress', () => {
  it('returns complete lines only, and the rest when it arrives', () => {
    const reader = new NdjsonReader();
    const batch = JSON.stringify({
      type: 'batch',
      outcomes: [{ index: 0, id: 'x', version: null, status: 'new' }],
      summary: { total: 1, new: 1, updated: 0, duplicate: 0, rejected: 0 },
    });
    const summary = JSON.stringify({
      type: 'summary',
      summary: { total: 1, new: 1, updated: 0, duplicate: 0, rejected: 0 },
      message: 'done',
    });
    let text = `${batch}\n${summary.slice(0, 10)}`;
    expect(reader.read(text).map((l) => l.type)).toEqual(['batch']);
    text += `${summary.slice(10)}\n`;
    expect(reader.read(text)).toEqual([JSON.parse(summary)]);
    expect(reader.read(text)).toEqual([]);
  });

  it('throws on a line that is not JSON', () => {
    expect(() => new NdjsonReader().read('{oops\n')).toThrow();
  });
});
