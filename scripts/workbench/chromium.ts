import fs from 'node:fs';

/** Debian's chromium (CI installs it: `.ci/run`); no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

/**
 * Headless, unsandboxed (we run as root in CI), and with the background services off: this
 * machine's closed network refuses their connections, many at a time.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
