import { describe, expect, it } from 'vitest';
import { directed } from './ledger.messages.js';

describe('ledger messages', () => {
  it('name a channel direction in the language of the sentence around it', () => {
    const broken = directed('channelBroken', 'received', { party: 'RU', index: 7 });
    expect(broken.text('en')).toBe('channel received with RU does not chain at position 7');
    expect(broken.text('zh')).toBe('与 RU 的接收通道在第 7 位断链');
    expect(broken.text('ru')).toBe('цепочка канала с RU (полученные) разорвана на позиции 7');
    // Machine readers get the stable key and the direction as data.
    expect(broken.key).toBe('channelBroken');
    expect(broken.params).toMatchObject({ direction: 'received', party: 'RU', index: 7 });
    expect(directed('atBundle', 'sent', { id: 'bundle--1' }).text('zh')).toBe('发送数据包 bundle--1');
  });
});
