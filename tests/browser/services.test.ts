/**
 * The opt-in services of src/site.config.ts, turned on in a copy of the fixture project: each
 * one's tag, frame or form appears, the Content-Security-Policy (the <meta> and dist/_headers)
 * gains exactly its hosts, and the page logs no error. No request leaves the machine: every
 * off-host request is answered by a stub that does what the real script would ask for next (send
 * an event, add giscus's stylesheet and frame), so the policy is exercised by the browser itself.
 * One copy is built once per analytics provider (only one can be on); the first also has the
 * comments and the newsletter on.
 */
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, recordingContext } from '../helpers/browser.ts';
import { cspAdditions, headersCsp, metaCsp, parseCsp } from '../helpers/csp.ts';
import { page as distPage } from '../helpers/dist.ts';
import { writeFixtureImages } from '../helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';
import { serveDist } from '../helpers/serve.ts';

const GISCUS = `comments: { provider: 'giscus', repo: 'octo/blog', repoId: 'R_kgDOTest', category: 'Announcements', categoryId: 'DIC_kwDOTest' },`;
const NEWSLETTER = `newsletter: { action: 'https://buttondown.com/api/emails/embed-subscribe/signal', hiddenFields: { tag: 'blog' } },`;

/** Each build's `services`, and the CSP sources it must add to the default fixture's, nothing more. */
const VARIANTS = {
  ga4: {
    services: `{ analytics: { provider: 'ga4', measurementId: 'G-TEST1234' }, ${GISCUS} ${NEWSLETTER} }`,
    adds: [
      'connect-src https://*.analytics.google.com',
      'connect-src https://*.google-analytics.com',
      'connect-src https://*.googletagmanager.com',
      'form-action https://buttondown.com',
      'frame-src https://giscus.app',
      'img-src https://*.google-analytics.com',
      'img-src https://*.googletagmanager.com',
      'script-src https://giscus.app',
      'script-src https://www.googletagmanager.com',
      'style-src https://giscus.app',
      'style-src-elem https://giscus.app',
    ],
  },
  plausible: {
    services: `{ analytics: { provider: 'plausible', domain: 'blog.example.com' } }`,
    adds: ['connect-src https://plausible.io', 'script-src https://plausible.io'],
  },
  umami: {
    services: `{ analytics: { provider: 'umami', websiteId: '94db1cb1-74f4-4a40-ad6c-962362670409' } }`,
    adds: ['connect-src https://cloud.umami.is', 'script-src https://cloud.umami.is'],
  },
  goatcounter: {
    services: `{ analytics: { provider: 'goatcounter', endpoint: 'https://signal.goatcounter.com/count' } }`,
    adds: ['connect-src https://signal.goatcounter.com', 'img-src https://signal.goatcounter.com', 'script-src https://gc.zgo.at'],
  },
} as const;
type Variant = keyof typeof VARIANTS;

/** What each real script asks for once it runs, so the stubs make the same requests. */
const STUBS: Record<string, string> = {
  'https://www.googletagmanager.com/gtag/js': `navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST1234&en=page_view');`,
  'https://plausible.io/js/script.js': `fetch('https://plausible.io/api/event', { method: 'POST', body: '{"n":"pageview"}' });`,
  'https://cloud.umami.is/script.js': `fetch('https://cloud.umami.is/api/send', { method: 'POST', body: '{"type":"event"}' });`,
  'https://gc.zgo.at/count.js': `navigator.sendBeacon(document.querySelector('script[data-goatcounter]').dataset.goatcounter + '?p=/');`,
  // giscus's client.js adds its stylesheet and the discussion's frame after its own <script>.
  'https://giscus.app/client.js': `{
    const me = document.querySelector('script[src="https://giscus.app/client.js"]');
    const css = document.createElement('link'); css.rel = 'stylesheet'; css.href = 'https://giscus.app/default.css'; document.head.prepend(css);
    const frame = document.createElement('iframe'); frame.className = 'giscus-frame'; frame.title = 'Comments';
    frame.src = 'https://giscus.app/en/widget?origin=' + encodeURIComponent(location.href) + '&repo=' + me.dataset.repo;
    me.after(frame);
  }`,
};

let root = '';
let browser: Browser;
const sites = {} as Record<Variant, { url: string; close: () => Promise<void>; dist: string }>;

beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog'), name: 'services' });
  await writeFixtureImages(root);
  const settingsFile = path.join(root, 'src/site.config.ts');
  const settings = await readFile(settingsFile, 'utf8');
  if (!settings.includes('services: {},')) throw new Error(`${settingsFile} has no "services: {}," to turn the services on in`);
  // One copy, built once per variant into its own folder: later builds reuse the images and cards.
  for (const [variant, { services }] of Object.entries(VARIANTS) as Array<[Variant, (typeof VARIANTS)[Variant]]>) {
    await writeFile(settingsFile, settings.replace('services: {},', `services: ${services},`));
    const result = await runScriptAsync(root, 'build', { OUT_DIR: `dist-${variant}` });
    expect(result.status, `${variant}:\n${result.stdout}\n${result.stderr}`).toBe(0);
    const dist = path.join(root, `dist-${variant}`);
    sites[variant] = { ...(await serveDist(dist)), dist };
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(sites).map((site) => site.close()));
  if (root && !process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
});

/** A page of a variant's site with off-host requests answered by the stubs and recorded, plus the usual problems. */
async function open(variant: Variant, urlPath: string): Promise<{ page: Page; offHost: string[]; problems: string[] }> {
  const site = sites[variant];
  const { context, problems } = await recordingContext(browser, site.url, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const offHost: string[] = [];
  // Page routes come before the context's, which would abort and report these requests.
  await page.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin === new URL(site.url).origin) return route.fallback();
    offHost.push(`${request.method()} ${url.origin}${url.pathname}`);
    const stub = STUBS[`${url.origin}${url.pathname}`];
    if (stub !== undefined) return route.fulfill({ status: 200, contentType: 'text/javascript', body: stub });
    if (url.pathname.endsWith('.css')) return route.fulfill({ status: 200, contentType: 'text/css', body: '' });
    if (request.resourceType() === 'document' || request.resourceType() === 'iframe')
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title><p>ok</p>' });
    return route.fulfill({ status: 204, body: '' });
  });
  await page.goto(`${site.url}${urlPath}`, { waitUntil: 'load' });
  return { page, offHost, problems };
}

const defaultPolicy = () => parseCsp(metaCsp(distPage(path.join(inject('fixtureRoot'), 'dist'), '/blog/alpha-post/')));

describe.each(Object.keys(VARIANTS) as Variant[])('with %s on', (variant) => {
  it('adds exactly its hosts to the <meta> policy of every page and to dist/_headers', () => {
    const dist = sites[variant].dist;
    for (const urlPath of ['/', '/blog/alpha-post/', '/category/artificial-intelligence/', '/search/', '/404.html'])
      expect(cspAdditions(parseCsp(metaCsp(distPage(dist, urlPath))), defaultPolicy()), urlPath).toEqual(VARIANTS[variant].adds);
    const header = parseCsp(headersCsp(readFileSync(path.join(dist, '_headers'), 'utf8')));
    const meta = parseCsp(metaCsp(distPage(dist, '/')));
    expect(cspAdditions(header, defaultPolicy())).toEqual([...VARIANTS[variant].adds, "frame-ancestors 'none'"].sort());
    // Everything the header allows, the <meta> allows, and the other way round (bar Astro's hashes of its own files).
    header.delete('frame-ancestors');
    expect(cspAdditions(meta, header)).toEqual([]);
    expect(cspAdditions(header, meta)).toEqual([]);
  });
});

/** Each provider's tag, and the requests it makes (as the stubs make them). */
const ANALYTICS: Record<Variant, { tag: string; requests: string[] }> = {
  ga4: {
    tag: 'script[async][src="https://www.googletagmanager.com/gtag/js?id=G-TEST1234"]',
    requests: ['GET https://www.googletagmanager.com/gtag/js', 'POST https://region1.google-analytics.com/g/collect'],
  },
  plausible: {
    tag: 'script[defer][data-domain="blog.example.com"][src="https://plausible.io/js/script.js"]',
    requests: ['GET https://plausible.io/js/script.js', 'POST https://plausible.io/api/event'],
  },
  umami: {
    tag: 'script[defer][data-website-id="94db1cb1-74f4-4a40-ad6c-962362670409"][src="https://cloud.umami.is/script.js"]',
    requests: ['GET https://cloud.umami.is/script.js', 'POST https://cloud.umami.is/api/send'],
  },
  goatcounter: {
    tag: 'script[async][data-goatcounter="https://signal.goatcounter.com/count"][src="https://gc.zgo.at/count.js"]',
    requests: ['GET https://gc.zgo.at/count.js', 'POST https://signal.goatcounter.com/count'],
  },
};

describe.each(Object.keys(VARIANTS) as Variant[])('analytics: %s', (variant) => {
  it('puts its tag in the head of every page, which loads and sends its event with no error', async () => {
    for (const urlPath of ['/', '/blog/alpha-post/']) {
      const { page, offHost, problems } = await open(variant, urlPath);
      expect(await page.locator(`head ${ANALYTICS[variant].tag}`).count(), urlPath).toBe(1);
      await expect.poll(() => offHost.toSorted(), { message: urlPath }).toEqual(ANALYTICS[variant].requests.toSorted());
      expect(problems, urlPath).toEqual([]);
      await page.context().close();
    }
  });
});

describe('GA4', () => {
  it("gets its configuration from the site's own script, not an inline one", async () => {
    const { page, problems } = await open('ga4', '/');
    const layer = await page.evaluate(() =>
      (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer.map((entry) => Array.from(entry)),
    );
    expect(layer).toContainEqual(['config', 'G-TEST1234']);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('giscus comments', () => {
  it('make no request until "Show comments" is pressed, then load giscus with its stylesheet and frame', async () => {
    const { page, offHost, problems } = await open('ga4', '/blog/alpha-post/');
    const giscus = () => offHost.filter((request) => request.includes('giscus.app'));
    const button = page.getByRole('button', { name: 'Show comments' });
    // By the time the page's own scripts have sent their event, an eager giscus would have asked too;
    // once an observer of the test's has seen the comments on screen and two frames have been drawn,
    // a giscus loaded as they scroll into view would have asked too.
    await expect.poll(() => offHost.filter((request) => !giscus().includes(request)).toSorted()).toEqual(ANALYTICS.ga4.requests.toSorted());
    await button.scrollIntoViewIfNeeded();
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const observer = new IntersectionObserver((seen) => {
            if (!seen.some((entry) => entry.isIntersecting)) return;
            observer.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          });
          observer.observe(document.querySelector('.comments')!);
        }),
    );
    expect(giscus()).toEqual([]);
    await button.click();
    // Sorted: the stylesheet and the frame are asked for side by side, in either order.
    await expect
      .poll(() => giscus().toSorted())
      .toEqual(['GET https://giscus.app/client.js', 'GET https://giscus.app/default.css', 'GET https://giscus.app/en/widget']);
    const script = page.locator('script[src="https://giscus.app/client.js"]');
    expect(await script.evaluate((element: HTMLScriptElement) => ({ ...element.dataset }))).toMatchObject({
      repo: 'octo/blog',
      repoId: 'R_kgDOTest',
      category: 'Announcements',
      categoryId: 'DIC_kwDOTest',
      mapping: 'pathname',
      theme: 'light',
    });
    expect(await page.locator('iframe.giscus-frame').count()).toBe(1);
    expect(await button.count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('are only on posts', async () => {
    const { page } = await open('ga4', '/');
    expect(await page.getByRole('button', { name: 'Show comments' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the newsletter form', () => {
  it('is at the end of posts and in every footer', async () => {
    const post = distPage(sites.ga4.dist, '/blog/alpha-post/');
    const home = distPage(sites.ga4.dist, '/');
    expect(post.querySelectorAll('form[action="https://buttondown.com/api/emails/embed-subscribe/signal"]')).toHaveLength(2);
    expect(home.querySelectorAll('form[action="https://buttondown.com/api/emails/embed-subscribe/signal"]')).toHaveLength(1);
    expect(post.querySelector('.article__layout form[method="post"] input[type="email"][name="email"][required]')).not.toBeNull();
    expect(distPage(sites.plausible.dist, '/blog/alpha-post/').querySelector('.newsletter')).toBeNull();
  });

  it('posts the address and its hidden fields to the provider', async () => {
    const { page, problems } = await open('ga4', '/blog/alpha-post/');
    const form = page.locator('.article__layout .newsletter form');
    await form.getByLabel('Email address').fill('reader@example.org');
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => candidate.url().startsWith('https://buttondown.com/')),
      form.getByRole('button', { name: 'Subscribe' }).click(),
    ]);
    expect(request.method()).toBe('POST');
    expect(new URLSearchParams(request.postData() ?? '')).toEqual(new URLSearchParams({ tag: 'blog', email: 'reader@example.org' }));
    await page.waitForLoadState('load');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
