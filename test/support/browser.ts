import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether a suite that needs a real browser can run here; logs why it is skipped when it
 * cannot. CI must run it: there, a missing Chromium fails the file instead.
 */
export function chromiumPresent(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const why = `no Chromium at ${CHROMIUM} (on Debian: apt-get install chromium)`;
  if (process.env.CI) throw new Error(`${suite} cannot run, and CI must run it: ${why}`);
  console.log(`${suite} skipped: ${why}`);
  return false;
}

/**
 * Headless Chromium, quiet (no network of its own, no updates, no sync). Playwright gives every
 * launch a fresh temporary profile (user data dir) and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

