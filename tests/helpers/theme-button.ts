import type { Page } from 'playwright-core';

/** The themes the header's button (src/components/ThemeSwitch.astro) moves through, in its order. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The theme button, found as a reader of a screen reader finds it: a button named "Theme: …". */
export const themeButton = (page: Page) => page.getByRole('button', { name: /^Theme: / });

/** The theme the button names, read from its accessible name ("Theme: dark" → 'dark'). */
export async function namedTheme(page: Page): Promise<string> {
  const name = await themeButton(page).evaluate((button) => button.textContent?.trim() ?? '');
  return name.replace(/^Theme: /, '');
}

/** Presses the theme button until it names `choice` (at most twice: three themes in a cycle). */
export async function chooseTheme(page: Page, choice: ThemeChoice): Promise<void> {
  for (let press = 0; press < 3; press += 1) {
    if ((await namedTheme(page)) === choice) return;
    await themeButton(page).click();
  }
  throw new Error(`the theme button never named "${choice}" (it names "${await namedTheme(page)}")`);
}
