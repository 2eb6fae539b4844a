import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { LOGO_SIZE, planSiteLogo, renderSiteLogo } from '#src/lib/images/site-logo.ts';
import { SITE, type SiteConfig } from '#src/site.config.ts';
import { formatProblem } from '#tools/check/problems.ts';

let root = '';
let publicDir = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'blog-settings-'));
  publicDir = path.join(root, 'public');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(publicDir);
  await copyFile(path.join(import.meta.dirname, '../../public/favicon.svg'), path.join(publicDir, 'favicon.svg'));
  const square = (size: number) => sharp({ create: { width: size, height: size, channels: 3, background: '#8a3a12' } }).png();
  await square(64).toFile(path.join(publicDir, 'small.png'));
  await sharp({ create: { width: 300, height: 150, channels: 3, background: '#123456' } })
    .png()
    .toFile(path.join(publicDir, 'wide.png'));
  await writeFile(path.join(publicDir, 'garbled.png'), 'not an image');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the site logo', () => {
  it('makes the SVG favicon into a sharp 512x512 PNG with the favicon colour filling it', async () => {
    const logo = planSiteLogo('favicon.svg', { publicDir, base: '/notes/' });
    expect(logo).toMatchObject({ url: `/notes/_img/${logo.name}`, width: LOGO_SIZE, height: LOGO_SIZE });
    expect(logo.name).toMatch(/^logo-[0-9a-f]{12}-512\.png$/);
    const png = await renderSiteLogo(logo.source);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([512, 512, 4]);
    expect((await sharp(png).metadata()).format).toBe('png');
    // The centre of the favicon's rounded square is its brown (#8a3a12).
    const pixel = (x: number, y: number) => [...data.subarray((y * 512 + x) * info.channels, (y * 512 + x) * info.channels + 3)];
    expect(pixel(40, 256)).toEqual([0x8a, 0x3a, 0x12]);
    // Drawn at 512 px, the white mark's edges are a pixel or two wide: 828 opaque pixels between
    // the two colours. Enlarged from a 32 px rendering they would be 16 px wide (18,665 pixels).
    let blended = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (data[i + 3] === 255 && data[i]! > 0x8a + 10 && data[i]! < 0xfc - 10) blended += 1;
    expect(blended).toBeLessThan(2000);
  });

  it('fits a wide raster logo into the square without cropping it', async () => {
    const png = await renderSiteLogo(planSiteLogo('/wide.png', { publicDir, base: '/' }).source);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([512, 512, 4]);
    const alpha = (x: number, y: number) => data[(y * 512 + x) * 4 + 3];
    expect([alpha(256, 10), alpha(256, 256), alpha(5, 256), alpha(506, 256)]).toEqual([0, 255, 255, 255]);
  });

  it('gets a new name when the image changes, so a year-long cache never serves the old one', () => {
    const a = planSiteLogo('favicon.svg', { publicDir, base: '/' });
    const b = planSiteLogo('wide.png', { publicDir, base: '/' });
    expect(a.name).not.toBe(b.name);
    expect(planSiteLogo('favicon.svg', { publicDir, base: '/' }).name).toBe(a.name);
  });
});

describe('settingsProblems', () => {
  /** Checks the settings written as a settings file would write them: language line 2, logo 3, locale 4 when set, then twitter. */
  const check = async (changes: Partial<SiteConfig>) => {
    const site = { ...SITE, ...changes };
    const lines = [
      'const defaults = {',
      `  language: '${site.language}',`,
      `  logo: '${site.logo}',`,
      ...(site.locale === undefined ? [] : [`  locale: '${site.locale}',`]),
      `  twitter: ${JSON.stringify(site.twitter).replaceAll('"', "'")},`,
      '};',
    ];
    await writeFile(path.join(root, 'src/site.config.ts'), lines.join('\n'));
    return (await settingsProblems(site, { root, publicDir })).map(formatProblem);
  };

  it('accepts the shipped settings', async () => {
    expect(await check({})).toEqual([]);
  });

  it.each<[string, Partial<SiteConfig>, string]>([
    ['a logo missing from public/', { logo: 'missing.svg' }, 'src/site.config.ts:3  logo  "missing.svg" does not exist in public/'],
    [
      'a logo too small for Google',
      { logo: 'small.png' },
      'src/site.config.ts:3  logo  "small.png" is 64x64; Google needs a logo of at least 112x112 px',
    ],
    ['a logo that is no image', { logo: 'garbled.png' }, 'src/site.config.ts:3  logo  "garbled.png" is not an image sharp can read'],
    ['a locale in the wrong form', { locale: 'en-US' }, 'src/site.config.ts:4  locale  "en-US" is not a locale in language_TERRITORY form'],
    [
      'a language without a territory',
      { language: 'es-419' },
      'src/site.config.ts:2  language  "es-419" gives no language_TERRITORY for og:locale; set locale',
    ],
    [
      'a site handle without "@"',
      { twitter: { site: 'sn', authors: {} } },
      'src/site.config.ts:4  twitter.site  "sn" is not an X handle; write it as "@name"',
    ],
    [
      'an author handle too long',
      { twitter: { authors: { A: '@far_too_long_a_handle' } } },
      'src/site.config.ts:4  twitter.authors["A"]  "@far_too_long_a_handle" is not an X handle',
    ],
  ])('reports %s on its line', async (_, changes, message) => {
    const problems = await check(changes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
