import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigationProblems } from '#tools/check/navigation-check.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { settingsLineFinder } from '#tools/check/settings-lines.ts';
import { currentMarker, isMenuHref, menuHref } from '#src/lib/urls/menu-links.ts';
import { SITE, type SiteConfig } from '#src/site.config.ts';

/**
 * The header's menu and the footer (links, social profiles, its line) are settings
 * (`nav`, `footer` in src/site.config.ts), checked before a build like the others.
 */
describe('the shipped menus', () => {
  it("are today's header and footer links", () => {
    expect(SITE.nav).toEqual([
      { label: 'Blog', href: '/blog/' },
      { label: 'Categories', href: '/categories/' },
      { label: 'Tags', href: '/tags/' },
      { label: 'RSS', href: '/rss.xml' },
    ]);
    expect(SITE.footer).toEqual({
      links: [
        { label: 'All posts', href: '/blog/' },
        { label: 'Archive', href: '/archive/' },
        { label: 'Categories', href: '/categories/' },
        { label: 'Tags', href: '/tags/' },
        { label: 'RSS feed', href: '/rss.xml' },
      ],
      social: {},
    });
    expect(navigationProblems(SITE, () => 1)).toEqual([]);
  });
});

describe('a menu link', () => {
  it.each([
    ['/about/', true],
    ['/rss.xml', true],
    ['/', true],
    ['https://github.com/example', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,x', false],
    ['http://example.com/', false],
    ['//evil.example/', false],
    ['about/', false],
    ['', false],
    ['/a b/', false],
    ['/a\\b', false],
    ['https:/example.com', false],
    ['mailto:me@example.com', false],
  ])('%j is accepted: %s', (href, ok) => {
    expect(isMenuHref(href)).toBe(ok);
  });

  it('goes under the base path, in the canonical form; a URL stays as written', () => {
    expect(menuHref('/blog/', '/')).toBe('/blog/');
    expect(menuHref('/about', '/notes/')).toBe('/notes/about/');
    expect(menuHref('/rss.xml', '/notes/')).toBe('/notes/rss.xml');
    expect(menuHref('/', '/notes/')).toBe('/notes/');
    expect(menuHref('/notes/blog/', '/notes/')).toBe('/notes/blog/');
    expect(menuHref('https://example.com/x', '/notes/')).toBe('https://example.com/x');
  });

  it('is marked as the current page, or the current section, never for the home page', () => {
    expect(currentMarker('/notes/blog/', '/notes/blog/', '/notes/')).toBe('page');
    expect(currentMarker('/notes/blog/', '/notes/blog/a-post/', '/notes/')).toBe('true');
    expect(currentMarker('/notes/', '/notes/blog/', '/notes/')).toBeUndefined();
    expect(currentMarker('/notes/', '/notes/', '/notes/')).toBe('page');
    expect(currentMarker('https://example.com/', '/notes/', '/notes/')).toBeUndefined();
  });
});

describe('mistakes in the menus', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'blog-nav-'));
    await mkdir(path.join(root, 'src'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** The settings written as a settings file would write them, and the problems reported on their lines. */
  const check = async (menus: Pick<SiteConfig, 'nav' | 'footer'>) => {
    const text =
      `const defaults = {\n  title: 'x',\n  nav: ${JSON.stringify(menus.nav, null, 2)},\n  footer: ${JSON.stringify(menus.footer, null, 2)},\n};\n`
        .replace(/"([a-z]+)":/g, '$1:')
        .replaceAll('"', "'");
    await writeFile(path.join(root, 'src/site.config.ts'), text);
    const lines = text.split('\n');
    const lineWith = (part: string) => lines.findIndex((line) => line.includes(part)) + 1;
    return { problems: navigationProblems(menus as SiteConfig, settingsLineFinder(root)).map(formatProblem), lineWith };
  };
  const footer = { links: [], social: {} };

  it.each<[string, Pick<SiteConfig, 'nav' | 'footer'>, string, string]>([
    [
      'a javascript: link',
      { nav: [{ label: 'Run', href: 'javascript:alert(1)' }], footer },
      "href: 'javascript:alert(1)'",
      'nav[0].href  "javascript:alert(1)" is not a link a menu can have; write a site path such as "/about/" or a whole https:// URL',
    ],
    [
      'a path without its leading slash',
      { nav: [{ label: 'About', href: 'about/' }], footer },
      "href: 'about/'",
      'nav[0].href  "about/" is not a link a menu can have',
    ],
    [
      'an empty label',
      { nav: [{ label: ' ', href: '/about/' }], footer },
      "href: '/about/'",
      'nav[0].label  is empty; write the text the link shows',
    ],
    [
      'a footer link to another host by //',
      { nav: [], footer: { links: [{ label: 'Friend', href: '//friend.example/' }], social: {} } },
      "href: '//friend.example/'",
      'footer.links[0].href  "//friend.example/" is not a link a menu can have',
    ],
    [
      'a network the footer does not know',
      { nav: [], footer: { links: [], social: { myspace: 'https://myspace.com/me' } as never } },
      'myspace:',
      'footer.social.myspace  is not a network the footer knows; use one of github, gitlab, codeberg, mastodon, bluesky, x, threads, linkedin, youtube, instagram, facebook, twitch (or put the link in footer.links)',
    ],
    [
      'a profile that is not a whole https:// address',
      { nav: [], footer: { links: [], social: { github: 'github.com/me' } } },
      "github: 'github.com/me'",
      'footer.social.github  "github.com/me" is not a whole https:// address; write the profile\'s URL as the browser shows it, starting https://',
    ],
  ])('reports %s on its line', async (_, menus, where, message) => {
    const { problems, lineWith } = await check(menus);
    expect(problems).toEqual([expect.stringContaining(`src/site.config.ts:${lineWith(where)}  ${message}`)]);
    expect(lineWith(where)).toBeGreaterThan(1);
  });

  it('accepts site paths, https:// links and known networks', async () => {
    const { problems } = await check({
      nav: [
        { label: 'About', href: '/about/' },
        { label: 'Source', href: 'https://github.com/example/blog' },
      ],
      footer: {
        links: [{ label: 'Home', href: '/' }],
        social: { mastodon: 'https://mastodon.social/@me', github: 'https://github.com/me' },
        text: '',
      },
    });
    expect(problems).toEqual([]);
  });
});
