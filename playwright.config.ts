import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/fixtures/chromium';

/** Browser tests drive Debian's Chromium against production builds started by the fixtures. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
});
