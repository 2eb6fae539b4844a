import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshContent } from '../helpers/fresh-content.ts';

/**
 * src/lib/content/posts.ts over the `astro:content` stand-in (tests/helpers/astro-content.ts):
 * the collection loaded once per build (once per content store in the dev server), bodies read
 * from their files when a page first needs one, unpublished posts only where the build context
 * says so. Astro's container and the MDX renderer, used only for feeds of MDX posts, are mocked.
 */
const container = vi.hoisted(() => ({ created: 0, rendered: [] as unknown[] }));
vi.mock('@astrojs/mdx/server.js', () => ({ default: { name: 'mdx-renderer-stand-in' } }));
vi.mock('astro/container', () => ({
  experimental_AstroContainer: {
    create: async () => {
      container.created += 1;
      return {
        addServerRenderer: () => undefined,
        renderToString: async (component: () => string) => {
          container.rendered.push(component);
          return `<p>${component()}</p>`;
        },
      };
    },
  },
}));
const files = vi.hoisted(() => ({ read: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    files.read.push(String(args[0]));
    return fs.readFileSync(...args);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

/** Fresh modules: posts.ts keeps what it loaded for the rest of the build. */
async function load({ includeUnpublished = false } = {}) {
  const { content } = await freshContent({ includeUnpublished });
  files.read = [];
  return { content, posts: await import('#src/lib/content/posts.ts') };
}

const bodyFile = (file: string) => files.read.filter((read) => read.endsWith(file));

beforeEach(() => {
  container.created = 0;
  container.rendered = [];
});

describe('getPosts', () => {
  it('gives the published posts, newest first, from one load of the collection per build', async () => {
    const { content, posts } = await load();
    const list = await posts.getPosts();
    expect(list.map((post) => post.slug)).toEqual(['alpha-post', 'delta']);
    expect(list.map((post) => post.file)).toEqual([content.FIXTURE_POSTS.alpha, content.FIXTURE_POSTS.delta]);
    expect(list[0]).toMatchObject({ title: 'Alpha Post: Edge Inference & You', draft: false, scheduled: false });
    expect(await posts.getPosts()).toBe(list);
    // A build's content does not change under it: one getCollection however often pages ask.
    expect(content.asked.getCollection).toEqual({ blog: 1 });
  });

  it('reads no body to load the posts, then reads a body from its file once, as Astro would give it', async () => {
    const { content, posts } = await load();
    const [alpha] = await posts.getPosts();
    expect(bodyFile('alpha-post.md')).toEqual([]);
    const body = alpha!.body;
    expect(bodyFile('alpha-post.md')).toHaveLength(1);
    // The text after the frontmatter, trimmed: no "---", no leading or trailing blank line.
    expect(body).not.toMatch(/^---|^\s|\s$/);
    expect(body).not.toContain('title: "Alpha Post');
    expect(body.length).toBeGreaterThan(200);
    expect(alpha!.readingMinutes).toBe(9); // readingTime: "9 min" in the frontmatter: no count of the body
    void alpha!.body;
    expect(bodyFile('alpha-post.md')).toHaveLength(1);
    expect(content.entriesOf('blog').find((entry) => entry.id === 'alpha-post.md')!.body).toBeUndefined();
  });

  it('counts reading time from the body when the post gives none', async () => {
    const { posts } = await load();
    const delta = (await posts.getPosts()).find((post) => post.slug === 'delta')!;
    expect(delta.readingMinutes).toBe(1);
    expect(bodyFile('delta.md')).toHaveLength(1);
  });

  it('shows drafts and scheduled posts, marked, only where the build context includes unpublished posts', async () => {
    const production = await load({ includeUnpublished: false });
    expect((await production.posts.getPosts()).map((post) => post.slug)).toEqual(['alpha-post', 'delta']);

    const dev = await load({ includeUnpublished: true });
    const all = await dev.posts.getPosts();
    expect(all.map((post) => [post.slug, post.draft, post.scheduled])).toEqual([
      ['scheduled-post', false, true],
      ['alpha-post', false, false],
      ['delta', false, false],
      ['draft-post', true, false],
    ]);
    // A body Astro kept in the entry is used as it is: no file is read for it.
    expect(all[0]!.body).toBe('Kept in the entry: no file is read for it.');
    expect(bodyFile('scheduled.md')).toEqual([]);
  });

  it('in the dev server, loads again once an entry changes, and reads the changed body again', async () => {
    const { content, posts } = await load({ includeUnpublished: true });
    const before = await posts.getPosts();
    void before.find((post) => post.slug === 'alpha-post')!.body;
    expect(await posts.getPosts()).toBe(before);
    expect(bodyFile('alpha-post.md')).toHaveLength(1);

    const blog = content.entriesOf('blog');
    const alpha = blog.find((entry) => entry.id === 'alpha-post.md')!;
    content.setEntries(
      'blog',
      blog.map((entry) => (entry === alpha ? { ...alpha, digest: 'edited', data: { ...alpha.data, title: 'Alpha, edited' } } : entry)),
    );
    const after = await posts.getPosts();
    expect(after).not.toBe(before);
    const edited = after.find((post) => post.slug === 'alpha-post')!;
    expect(edited.title).toBe('Alpha, edited');
    void edited.body;
    expect(bodyFile('alpha-post.md')).toHaveLength(2);
    // The unchanged post's body, remembered by its digest, is not read again.
    void before.find((post) => post.slug === 'delta')!.body;
    void after.find((post) => post.slug === 'delta')!.body;
    expect(bodyFile('delta.md')).toHaveLength(1);
  });
});

describe('postDigest, renderPost and renderPostHtml', () => {
  it("give the post's own entry: its digest, its Content, its stored HTML", async () => {
    const { content, posts } = await load();
    const [alpha, delta] = await posts.getPosts();
    expect(await posts.postDigest(alpha!)).toBe(`digest-of-${content.FIXTURE_POSTS.alpha}`);
    expect(await posts.postDigest({ ...delta!, id: 'no-such.md' })).toBeUndefined();
    const { Content } = await posts.renderPost(delta!);
    expect((Content as unknown as () => string)()).toBe('Content of delta.md');
    expect(content.asked.render).toEqual(['delta.md']);
  });

  it("takes a Markdown post's stored HTML, and renders others through one Astro container", async () => {
    const { content, posts } = await load();
    content.setEntries(
      'blog',
      content
        .entriesOf('blog')
        .map((entry) =>
          entry.id === 'alpha-post.md' ? { ...entry, rendered: { html: '<p>stored</p>', metadata: { imagePaths: [] } } } : entry,
        ),
    );
    const [alpha, delta] = await posts.getPosts();
    expect(await posts.renderPostHtml(alpha!)).toBe('<p>stored</p>');
    expect(container.created).toBe(0);
    expect(await posts.renderPostHtml(delta!)).toBe('<p>Content of delta.md</p>');
    expect(await posts.renderPostHtml(delta!)).toBe('<p>Content of delta.md</p>');
    expect(container.created).toBe(1);
  });
});
