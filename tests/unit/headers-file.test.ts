import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headersFile } from '../../integrations/headers-file.ts';

let dir = '';
const COPY = "/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options: DENY\n";

/** The integration's build:done hook on a folder holding a copy of public/_headers. */
async function writeHeaders(csp: string): Promise<void> {
  const hook = headersFile({ csp }).hooks['astro:build:done'] as unknown as (options: { dir: URL }) => Promise<void>;
  await hook({ dir: pathToFileURL(`${dir}/`) });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'blog-headers-'));
  writeFileSync(path.join(dir, '_headers'), COPY);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dist/_headers', () => {
  it("gets the site's policy on its one line", async () => {
    await writeHeaders("default-src 'self'; script-src 'self' https://a.example");
    expect(readFileSync(path.join(dir, '_headers'), 'utf8')).toBe(
      "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' https://a.example\n  X-Frame-Options: DENY\n",
    );
  });

  it.each(["default-src 'self'\n/admin/*\n  Access-Control-Allow-Origin: *", "default-src 'self'\r\n  X-Frame-Options: ALLOW"])(
    'refuses a policy that would add a header or a rule of its own: %j',
    async (csp) => {
      await expect(writeHeaders(csp)).rejects.toThrow(/holds a line break or a control character, so it was not written/);
      expect(readFileSync(path.join(dir, '_headers'), 'utf8')).toBe(COPY);
    },
  );
});
