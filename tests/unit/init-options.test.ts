import { describe, expect, it } from 'vitest';
import { checkAnswer, checkLanguage, checkTimeZone, checkUrl, flagProblem, parseInitArgs } from '../../scripts/init/options.ts';

/**
 * `npm run init`'s flags and the checks of each answer, on the forms people type: an address
 * with or without its slash, with a path, on http; time zones as written in the IANA list, in
 * the wrong case, as old aliases, abbreviations and offsets; language tags in any case, with
 * an underscore, or without a country.
 */

describe('npm run init flags', () => {
  it('reads every value flag, --yes and --remove-all', () => {
    const flags = parseInitArgs([
      '--name',
      'Zoë’s Notes',
      '--url',
      'https://notes.example.org',
      '--description',
      'One line.',
      '--language',
      'de-AT',
      '--time-zone',
      'Europe/Vienna',
      '--author',
      'Zoë',
      '--logo',
      'logo.png',
      '--yes',
      '--remove-all',
    ]);
    expect(flags).toEqual({
      answers: {
        title: 'Zoë’s Notes',
        url: 'https://notes.example.org',
        description: 'One line.',
        language: 'de-AT',
        timeZone: 'Europe/Vienna',
        defaultAuthor: 'Zoë',
        logo: 'logo.png',
      },
      yes: true,
      removeAll: true,
      help: false,
    });
    expect(parseInitArgs([])).toEqual({ answers: {}, yes: false, removeAll: false, help: false });
    expect(parseInitArgs(['--name=My Blog', '-y']).answers.title).toBe('My Blog');
  });

  it('refuses an unknown flag, a flag without its value and a stray word, naming it', () => {
    expect(() => parseInitArgs(['--title', 'x'])).toThrow(/--title/);
    expect(() => parseInitArgs(['--name'])).toThrow(/--name/);
    expect(() => parseInitArgs(['My', 'Blog'])).toThrow(/"My" is not an option; give every value with its flag, e.g. --name "My Blog"/);
  });

  it('names the flag and the value in a problem', () => {
    expect(flagProblem('timeZone', 'Mars/Base', 'is not an IANA time zone')).toBe('--time-zone "Mars/Base" is not an IANA time zone');
  });
});

describe('--url', () => {
  it.each([
    ['https://notes.example.org', 'https://notes.example.org'],
    ['https://notes.example.org/', 'https://notes.example.org'],
    ['  https://Notes.Example.ORG/  ', 'https://notes.example.org'],
    ['http://notes.example.org', 'http://notes.example.org'],
    ['https://notes.example.org:8443/', 'https://notes.example.org:8443'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
  ])('takes %j as %j', (given, written) => {
    expect(checkUrl(given)).toEqual({ value: written });
  });

  it.each([
    ['notes.example.org', 'is not a whole web address; give it with https://, e.g. https://notes.example.org'],
    ['notes.example.org/', 'is not a whole web address; give it with https://, e.g. https://notes.example.org'],
    ['/blog/', 'is not a whole web address; give it with https://, e.g. https://blog.example.com'],
    [
      'https://example.com/blog/',
      'has a path (/blog/); give the origin alone, https://example.com, and build with BASE_PATH=/blog/ to serve the site from that folder',
    ],
    [
      'https://octo.github.io/notes',
      'has a path (/notes); give the origin alone, https://octo.github.io, and build with BASE_PATH=/notes/ to serve the site from that folder',
    ],
    ['https://example.com/?ref=x', 'has a query or a fragment; give the origin alone, e.g. https://example.com'],
    ['https://example.com/#top', 'has a query or a fragment; give the origin alone, e.g. https://example.com'],
    ['https://me:secret@example.com', 'holds a user name or password; give the public address alone, e.g. https://example.com'],
    ['ftp://example.com', 'is a ftp: address; give the https:// address the site is served from, e.g. https://blog.example.com'],
    ['', 'is not a whole web address; give it with https://, e.g. https://blog.example.com'],
  ])('refuses %j: %s', (given, problem) => {
    expect(checkUrl(given)).toEqual({ problem });
  });
});

describe('--time-zone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['America/New_York', 'America/New_York'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    // Old names the IANA database keeps as links: kept as written.
    ['US/Eastern', 'US/Eastern'],
  ])('takes %j as %j', (given, written) => {
    expect(checkTimeZone(given)).toEqual({ value: written });
  });

  it.each([
    ['Europe/Berln', 'is not an IANA time zone; did you mean Europe/Berlin?'],
    ['America/NewYork', 'is not an IANA time zone; did you mean America/New_York?'],
    ['EST', 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)'],
    ['CET', 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)'],
    ['+02:00', 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)'],
    ['GMT+2', 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)'],
    ['', 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)'],
  ])('refuses %j: %s', (given, problem) => {
    expect(checkTimeZone(given)).toEqual({ problem });
  });

  it('takes every zone Intl lists, as written there', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(checkTimeZone(zone)).toEqual({ value: zone });
  });
});

describe('--language', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-gb', 'en-GB'],
    ['pt-BR', 'pt-BR'],
    ['de-AT', 'de-AT'],
    ['zh-Hant', 'zh-Hant'],
    ['ja', 'ja'],
    ['sr-Latn-RS', 'sr-Latn-RS'],
  ])('takes %j as %j', (given, written) => {
    expect(checkLanguage(given)).toEqual({ value: written });
  });

  it.each([
    ['en_US', 'is not a BCP 47 language tag; write it like en-US'],
    ['English', 'is not a language this machine knows; write a BCP 47 tag, e.g. en, en-GB or pt-BR'],
    ['xx-ZZ', 'is not a language this machine knows; write a BCP 47 tag, e.g. en, en-GB or pt-BR'],
    ['e', 'is not a BCP 47 language tag; write it like en, en-GB or pt-BR'],
    ['', 'is not a BCP 47 language tag; write it like en, en-GB or pt-BR'],
    ['es-419', 'gives no country for og:locale; add a two-letter country code, e.g. es-MX rather than es-419'],
  ])('refuses %j: %s', (given, problem) => {
    expect(checkLanguage(given)).toEqual({ problem });
  });
});

describe('--name, --description and --author', () => {
  it('take text with quotes, apostrophes and any script, trimmed', () => {
    expect(checkAnswer('title', '  Zoë’s "Field" Notes  ')).toEqual({ value: 'Zoë’s "Field" Notes' });
    expect(checkAnswer('description', '日本語のブログです。')).toEqual({ value: '日本語のブログです。' });
    expect(checkAnswer('defaultAuthor', "Siobhán O'Neill")).toEqual({ value: "Siobhán O'Neill" });
    expect(checkAnswer('defaultAuthor', '山田太郎')).toEqual({ value: '山田太郎' });
  });

  it('refuse empty text, line breaks and control characters, and an author with no letters', () => {
    expect(checkAnswer('title', '   ')).toEqual({ problem: `is empty; give the site's name, e.g. "My Field Notes"` });
    expect(checkAnswer('description', 'one\ntwo')).toEqual({
      problem:
        'holds a line break or a control character; give one sentence about the site on one line, e.g. "Notes on what I build and read."',
    });
    expect(checkAnswer('title', 'Bell\u0007')).toMatchObject({ problem: expect.stringContaining('control character') });
    expect(checkAnswer('defaultAuthor', '!!!')).toEqual({
      problem: 'has no letters or digits, so it gives no author page; write a name, e.g. "Ana Lima"',
    });
  });
});
