/** Where a setting is written in src/site.config.ts, for problem lines. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';

/**
 * Finds where a value is written in the settings file, so a problem with a
 * setting is reported on its line like a post's. The file is read once per
 * finder; a project without the file uses the defaults, and every line is 1.
 */
export function settingsLineFinder(root: string): (value: string | null, key?: string) => number {
  let text = '';
  try {
    text = readFileSync(path.join(root, SETTINGS_FILE), 'utf8');
  } catch {
    // No settings file: the defaults, reported on line 1.
  }
  const lines = text.split('\n');
  /** The line where `value` is written in quotes (after `key:` when one is given), or `key:` itself when `value` is null; else 1. */
  return (value, key) => {
    const quoted = value === null ? '' : `['"\`]${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`;
    const pattern = new RegExp(key ? `\\b${key}\\s*:\\s*${quoted}` : quoted);
    return lines.findIndex((line) => pattern.test(line)) + 1 || 1;
  };
}
