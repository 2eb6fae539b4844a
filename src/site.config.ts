/**
 * The one place for site-wide settings: each field is explained where its type is,
 * src/lib/settings/site-settings.ts (your editor shows it on hover). `SITE_URL` overrides
 * `url` so preview deploys get correct canonical and feed URLs without editing this file.
 */
import { siteSettings, type SiteConfig } from '#src/lib/settings/site-settings.ts';

export type { SiteConfig };

const defaults: SiteConfig = {
  url: 'https://blog.example.com',
  title: 'Signal & Noise',
  description: 'Field notes on AI, the web platform and money: practical write-ups from people who build things.',
  language: 'en',
  defaultAuthor: 'HiFi Studio And Mobile',
  timeZone: 'America/New_York',
  postsPerPage: 10,
  feedItems: 50,
  redirects: {},
  removedUrls: [],
  logo: 'favicon.svg',
  twitter: { authors: {} },
  services: {},
  // 2 MB is twenty times the longest real post (about 100 KB); real posts have a few dozen tags at most.
  postLimits: { maxPostBytes: 2 * 1024 * 1024, maxTags: 200 },
  // Guest posts go to src/content/blog/guests/ by convention, refused as MDX with no setting made.
  guests: { folders: ['guests'] },
  nav: [
    { label: 'Blog', href: '/blog/' },
    { label: 'Categories', href: '/categories/' },
    { label: 'Tags', href: '/tags/' },
    { label: 'RSS', href: '/rss.xml' },
  ],
  footer: {
    links: [
      { label: 'All posts', href: '/blog/' },
      { label: 'Archive', href: '/archive/' },
      { label: 'Categories', href: '/categories/' },
      { label: 'Tags', href: '/tags/' },
      { label: 'RSS feed', href: '/rss.xml' },
    ],
    social: {},
  },
};

export const SITE = siteSettings(defaults);
