#!/usr/bin/env node
// Takes a screenshot of a page of a running dashboard with Debian's Chromium:
//   node scripts/screenshot.mjs http://127.0.0.1:3000/ out.png [width] [height]
import { chromium } from '@playwright/test';

const [url, out, width = '1280', height = '800'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [WIDTH] [HEIGHT]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--no-sandbox',
  ],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 500));
await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' });
await browser.close();
