/** Where the reader's theme choice is kept: 'light', 'dark', or absent for the system's. Shared by the head script and the switch. */
export const THEME_STORAGE_KEY = 'theme';
