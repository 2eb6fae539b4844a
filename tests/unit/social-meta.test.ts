import { describe, expect, it } from 'vitest';
import { ogLocale, xAccounts } from '#src/lib/seo/social-meta.ts';

describe('ogLocale', () => {
  it.each([
    ['en', undefined, 'en_US'],
    ['en-GB', undefined, 'en_GB'],
    ['de', undefined, 'de_DE'],
    ['de-AT', undefined, 'de_AT'],
    ['pt', undefined, 'pt_BR'],
    ['ja', undefined, 'ja_JP'],
    ['zh-Hant', undefined, 'zh_TW'],
    ['sr-Latn', undefined, 'sr_RS'],
    // The setting wins over the language.
    ['en', 'en_GB', 'en_GB'],
  ])('language %s with setting %s is %s', (language, setting, locale) => {
    expect(ogLocale(language, setting)).toBe(locale);
  });

  it.each([
    ['es-419', undefined],
    ['not a tag', undefined],
    ['en', 'en-US'],
    ['en', 'english'],
  ])('language %s with setting %s gives no locale', (language, setting) => {
    expect(ogLocale(language, setting)).toBeNull();
  });
});

describe('xAccounts', () => {
  const settings = { site: '@site', authors: { 'Jonas Mueller': '@jonas' } };

  it("gives an author's own account as the creator, matching any spelling with the same slug", () => {
    expect(xAccounts(settings, 'jonas-mueller')).toEqual({ site: '@site', creator: '@jonas' });
  });

  it("falls back to the site's account for other authors and for pages without one", () => {
    expect(xAccounts(settings, 'hifi-studio-and-mobile')).toEqual({ site: '@site', creator: '@site' });
    expect(xAccounts(settings)).toEqual({ site: '@site', creator: '@site' });
  });

  it('gives no accounts when the settings name none, and only the creator when only the author has one', () => {
    expect(xAccounts({ authors: {} }, 'jonas-mueller')).toEqual({ site: undefined, creator: undefined });
    expect(xAccounts({ authors: { 'Jonas Müller': '@jonas' } }, 'jonas-mueller')).toEqual({ site: undefined, creator: '@jonas' });
  });
});
