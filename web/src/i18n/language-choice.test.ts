import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './language-choice';

describe('UI language', () => {
  it('prefers an explicit choice, then the account, then the browser choice', () => {
    expect(
      chooseLanguage({ userChoice: 'en', accountLocale: 'ru', browserChoice: 'zh', nodeLocale: 'zh' }),
    ).toBe('en');
    expect(chooseLanguage({ accountLocale: 'ru', browserChoice: 'zh', nodeLocale: 'zh' })).toBe('ru');
    expect(chooseLanguage({ browserChoice: 'zh', nodeLocale: 'ru' })).toBe('zh');
  });

  it('takes a Chinese or Russian browser over the node, but an English browser only after it', () => {
    expect(chooseLanguage({ browserLanguages: ['ru-RU', 'en'], nodeLocale: 'zh' })).toBe('ru');
    expect(chooseLanguage({ browserLanguages: ['zh-CN'], nodeLocale: 'ru' })).toBe('zh');
    expect(chooseLanguage({ browserLanguages: ['en-US'], nodeLocale: 'zh' })).toBe('zh');
    expect(chooseLanguage({ browserLanguages: ['de-DE'] })).toBe('en');
  });

  it('ignores values that are not UI languages', () => {
    expect(
      chooseLanguage({ userChoice: 'fr', accountLocale: null, browserChoice: '', nodeLocale: 'ru' }),
    ).toBe('ru');
  });
});
