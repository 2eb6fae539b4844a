import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
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
});
