import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** The weekly workflow that runs `npm run upstream` (README, "Following Astro"). */
interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const root = path.resolve(import.meta.dirname, '../..');
const workflow = load(readFileSync(path.join(root, '.github/workflows/upstream.yml'), 'utf8')) as {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the upstream workflow', () => {
  it('runs once a week and on demand', () => {
    const crons = workflow.on.schedule?.map(({ cron }) => cron) ?? [];
    expect(crons).toHaveLength(1);
    // minute hour * * weekday: one fixed day of the week.
    expect(crons[0]).toMatch(/^\d{1,2} \d{1,2} \* \* [0-6]$/);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('may only read the repository, and keeps no token in .git/config for the packages it runs', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const checkouts = steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.with?.['persist-credentials']).toBe(false);
  });

  it('installs the pinned Node and packages, then runs npm run upstream, which exists', () => {
    expect(Object.values(workflow.jobs).every((job) => job['runs-on'].startsWith('ubuntu'))).toBe(true);
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version-file']).toBe('.nvmrc');
    const commands = steps.flatMap((step) => (step.run ? [step.run.trim()] : []));
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npm run upstream']);
    expect(pkg.scripts['upstream']).toBe('node scripts/upstream.ts');
  });
});
