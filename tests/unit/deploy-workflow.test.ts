import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const workflow = load(readFileSync(path.resolve(import.meta.dirname, '../../.github/workflows/deploy.yml'), 'utf8')) as {
  jobs: Record<string, { steps?: Step[] }>;
};

describe('the deploy workflow', () => {
  it("leaves no token in .git/config for the build's code (posts' MDX, npm packages) to read", () => {
    const checkouts = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('builds a push, the hourly run and Run workflow as the production deploy, and a pull request as a preview', () => {
    const builds = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => /\bnpm run build\b/.test(step.run ?? ''));
    expect(builds).toHaveLength(1);
    // Only a production build records the URLs it published (src/lib/urls/deploy-kind.ts): a preview must not.
    const kind = builds[0]!.env?.['BLOG_DEPLOY'];
    expect(kind).toBe("${{ github.event_name == 'pull_request' && 'preview' || 'production' }}");
    // The upload and deploy steps run for exactly the events the expression calls production.
    const published = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(published.map((step) => (step as { if?: string }).if)).toEqual(["github.event_name != 'pull_request'"]);
  });
});
