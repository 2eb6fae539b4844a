import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshContent } from '../helpers/fresh-content.ts';

/**
 * src/lib/content/profiles.ts over the `astro:content` stand-in (tests/helpers/astro-content.ts):
 * author profiles and category pages keyed by slug, their links and images resolved, loaded once
 * per build and again in the dev server once a profile changes.
 */
async function load({ includeUnpublished = false } = {}) {
  const { build, content } = await freshContent({ includeUnpublished });
  return { build, content, profiles: await import('#src/lib/content/profiles.ts') };
}

describe('authorProfile', () => {
  it('gives the profile of an author slug: name, title, links in page order, the avatar in public/', async () => {
    const { build, profiles } = await load();
    const jonas = await profiles.authorProfile('jonas-mueller');
    expect(jonas).toMatchObject({
      slug: 'jonas-mueller',
      name: 'Jonas Müller',
      jobTitle: 'Fixture Machine Learning Engineer',
      avatar: { file: path.join(build.publicDir, 'avatars/jonas.webp'), reference: '/avatars/jonas.webp' },
      digest: 'digest-of-jonas',
    });
    expect(jonas!.links).toEqual([
      { label: 'Website', url: 'https://jonas.example.org/' },
      { label: 'X', url: 'https://x.com/jonas_fixture' },
      { label: 'LinkedIn', url: 'https://www.linkedin.com/in/jonas-fixture/' },
      { label: 'GitHub', url: 'https://github.com/jonas-fixture' },
      { label: 'Mastodon', url: 'https://mastodon.example/@jonas' },
    ]);
    expect(jonas!.entry.id).toBe('jonas-mueller');
  });

  it('gives undefined for a name without a profile, and no links or avatar a profile leaves out', async () => {
    const { content, profiles } = await load();
    const [jonas] = content.entriesOf('authors');
    content.setEntries('authors', [{ ...jonas!, id: 'ana-lima', data: { name: 'Ana Lima' } }]);
    expect(await profiles.authorProfile('jonas-mueller')).toBeUndefined();
    expect(await profiles.authorProfile('ana-lima')).toMatchObject({ name: 'Ana Lima', jobTitle: undefined, avatar: undefined, links: [] });
    expect(profiles.avatarImage(await profiles.authorProfile('ana-lima'))).toBeUndefined();
  });
});

describe('categoryPage', () => {
  it("gives a category's text and its hero, resolved beside the category's file", async () => {
    const { build, profiles } = await load();
    const page = await profiles.categoryPage('artificial-intelligence');
    expect(page).toMatchObject({
      slug: 'artificial-intelligence',
      title: 'Artificial Intelligence',
      description: 'Models, tools and what they cost to run.',
      hero: {
        file: path.join(build.root, 'src/content/categories/ai-hero.webp'),
        reference: './ai-hero.webp',
        alt: 'A lattice of nodes',
      },
      digest: 'digest-of-ai',
    });
    expect(await profiles.categoryPage('web-development')).toBeUndefined();
    expect(profiles.categoryHeroImage(undefined)).toBeUndefined();
  });
});

describe('loading', () => {
  it('reads both collections once per build, however many pages ask', async () => {
    const { content, profiles } = await load();
    await Promise.all([profiles.authorProfile('jonas-mueller'), profiles.categoryPage('artificial-intelligence')]);
    await profiles.authorProfile('jonas-mueller');
    expect(content.asked.getCollection).toEqual({ authors: 1, categories: 1 });
  });

  it('in the dev server, shows a saved profile once its entry changes, and loads nothing again until then', async () => {
    const { content, profiles } = await load({ includeUnpublished: true });
    const before = await profiles.authorProfile('jonas-mueller');
    expect(await profiles.authorProfile('jonas-mueller')).toBe(before);
    const [jonas] = content.entriesOf('authors');
    content.setEntries('authors', [{ ...jonas!, digest: 'saved', data: { ...jonas!.data, jobTitle: 'Principal Engineer' } }]);
    const after = await profiles.authorProfile('jonas-mueller');
    expect(after).toMatchObject({ jobTitle: 'Principal Engineer', digest: 'saved' });
    expect(await profiles.authorProfile('jonas-mueller')).toBe(after);
  });
});
