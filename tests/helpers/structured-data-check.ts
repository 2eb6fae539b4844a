import { createRequire } from 'node:module';
import net from 'node:net';

/**
 * structured-data-testing-tool (an outside checker: glitchdigital's
 * reimplementation of Google's retired Structured Data Testing Tool) run on
 * built HTML through its library API. Only `structuredDataTestHtml` is used:
 * the tool's other entry points fetch a string that looks like a URL with
 * node-fetch, and this check must stay offline.
 */

interface ToolTest {
  test: string;
  description?: string;
  group?: string;
  groups?: string[];
  error?: { message: string };
}
interface ToolResponse {
  failed: ToolTest[];
  warnings: ToolTest[];
  passed: ToolTest[];
  /** Schema.org types found on the page ("BlogPosting", "Organization", …). */
  schemas: string[];
}
interface ToolPreset {
  name: string;
}
interface Tool {
  structuredDataTestHtml(html: string, options: { presets: ToolPreset[] }): Promise<ToolResponse>;
}

// The tool is CommonJS without types.
const require = createRequire(import.meta.url);
const tool = require('structured-data-testing-tool') as Tool;
const presets = require('structured-data-testing-tool/presets') as Record<'Google' | 'Twitter' | 'Facebook', ToolPreset>;

export type PresetName = keyof typeof presets;

export interface PageReport {
  /** "blog/x/index.html  Google > BlogPosting > #0 (jsonld)  publisher.logo: Could not find …" */
  failures: string[];
  warnings: string[];
  schemas: string[];
}

const describeTest = (file: string, test: ToolTest) =>
  `${file}  ${(test.groups ?? [test.group ?? '']).join(' > ')}  ${test.description ?? test.test}: ${test.error?.message ?? 'failed'}`;

/**
 * Any connection the tool tries while it runs fails loudly (the whole
 * machinery is synchronous between the call and its promise, but a fetch
 * would connect later, so the guard stays on until the result is back).
 */
async function offline<T>(run: () => Promise<T>): Promise<{ result: T; attempts: string[] }> {
  const attempts: string[] = [];
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    attempts.push(JSON.stringify(args[0]));
    throw new Error('structured-data-testing-tool tried to open a network connection');
  } as typeof connect;
  try {
    return { result: await run(), attempts };
  } finally {
    net.Socket.prototype.connect = connect;
  }
}

/**
 * Runs the named presets on one page. The tool rejects with the response
 * when a check fails; both outcomes are turned into lines naming the page,
 * the preset's group and the check. Pages are checked one at a time: the
 * tool writes each result into its preset objects, which the next call reuses.
 */
export async function checkStructuredData(file: string, html: string, names: PresetName[]): Promise<PageReport> {
  const { result: response, attempts } = await offline(() =>
    tool.structuredDataTestHtml(html, { presets: names.map((name) => presets[name]) }).catch((error: { res?: ToolResponse }) => {
      if (!error.res) throw error;
      return error.res;
    }),
  );
  if (attempts.length > 0) throw new Error(`${file}: the checker tried to connect to ${attempts.join(', ')}`);
  return {
    failures: response.failed.map((test) => describeTest(file, test)),
    warnings: response.warnings.map((test) => describeTest(file, test)),
    schemas: [...response.schemas],
  };
}
