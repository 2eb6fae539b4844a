import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCardRenderer } from '../../integrations/card-renderer.ts';
import { isRunning } from '../../scripts/build-cleanup.ts';
import { renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';

let dir = '';
let jobs: CardJob[] = [];

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!done()) throw new Error(`timed out waiting: ${what}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'card-renderer-'));
  const hero = path.join(dir, 'hero.png');
  await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#7a3' } })
    .png()
    .toFile(hero);
  // The forms of card a site has: a post's over its hero, one without a hero, the site's, an editor's own image.
  jobs = [
    { title: 'A post over its hero', kicker: 'Guides', heroFile: hero, siteName: 'Site' },
    { title: 'A post with no hero at all', kicker: 'Notes', siteName: 'Site' },
    { title: 'Site', subtitle: 'What the site is about', siteName: 'Site' },
    { title: 'Own image', heroFile: hero, siteName: 'Site', imageOnly: true },
  ];
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('startCardRenderer', () => {
  it('draws in its helper process the same bytes this process draws, and its helper ends on close', async () => {
    const renderer = startCardRenderer();
    const cards = await Promise.all(jobs.map((job) => renderer.render(job)));
    const pid = renderer.helperPid;
    expect(pid, 'the cards were drawn in a helper process').toBeTypeOf('number');
    for (const [i, job] of jobs.entries()) expect(cards[i]!.equals(await renderSocialCard(job)), job.title).toBe(true);
    renderer.close();
    await until(() => !isRunning(pid!), 'the helper to exit');
  });

  it('lets a process that never closes it exit once its cards are drawn (a build that failed part-way)', async () => {
    const script = path.join(dir, 'never-closed.mjs');
    const module = pathToFileURL(path.resolve('integrations/card-renderer.ts')).href;
    await writeFile(
      script,
      `const { startCardRenderer } = await import(${JSON.stringify(module)});\n` +
        `const renderer = startCardRenderer();\n` +
        `await renderer.render({ title: 'Left open', siteName: 'Site' });\n` +
        `console.log('drawn in', renderer.helperPid === undefined ? 'this process' : 'the helper');\n`,
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000, cwd: process.cwd() });
    expect(run.signal, `still running after 30 s:\n${run.stdout}${run.stderr}`).toBeNull();
    expect([run.status, run.stdout.trim()]).toEqual([0, 'drawn in the helper']);
  });

  it('starts no helper until a card is asked for', () => {
    const renderer = startCardRenderer();
    expect(renderer.helperPid).toBeUndefined();
    renderer.close();
  });

  it('draws here when the helper cannot start (no `nice` on the PATH)', async () => {
    const renderer = startCardRenderer();
    const PATH = process.env['PATH'];
    process.env['PATH'] = path.join(dir, 'no-such-folder');
    // The helper is spawned within render(), so the PATH is put back before anything else runs.
    const drawing = renderer.render(jobs[0]!);
    process.env['PATH'] = PATH;
    const card = await drawing;
    expect(card.equals(await renderSocialCard(jobs[0]!))).toBe(true);
    expect(renderer.helperPid).toBeUndefined();
    renderer.close();
  });

  it('finishes here the cards a helper that was killed part-way still held', async () => {
    const renderer = startCardRenderer();
    const many = Array.from({ length: 12 }, (_, i) => ({ ...jobs[i % jobs.length]!, title: `Card ${i}` }));
    const drawing = many.map((job) => renderer.render(job));
    const pid = renderer.helperPid!;
    process.kill(pid, 'SIGKILL');
    const cards = await Promise.all(drawing);
    expect(renderer.helperPid).toBeUndefined();
    for (const [i, job] of many.entries()) expect(cards[i]!.equals(await renderSocialCard(job)), job.title).toBe(true);
    renderer.close();
  });

  it("fails a card the way this process would, with the drawing's own message", async () => {
    const renderer = startCardRenderer();
    const job = { ...jobs[0]!, heroFile: path.join(dir, 'missing.png') };
    const here = await renderSocialCard(job).then(
      () => 'drawn',
      (error: Error) => error.message,
    );
    await expect(renderer.render(job)).rejects.toThrow(here);
    // The helper goes on with the next card.
    expect((await renderer.render(jobs[1]!)).equals(await renderSocialCard(jobs[1]!))).toBe(true);
    renderer.close();
  });
});
