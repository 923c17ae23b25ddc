// What the graph benchmarks read from the page: the canvas's data-ready and data-complete.
import type { Page } from '@playwright/test';

/**
 * Navigation → data-ready and → data-complete, in ms since navigation start, and what was
 * drawn. (The main thread's CPU time per phase is what bench/graph-profile.ts shows: read from
 * here, it would also count the batches drawn after data-ready.)
 */
export async function timeToReady(page: Page, url: string) {
  await page.goto(url);
  const canvas = page.getByTestId('graph-canvas');
  await page.waitForSelector('[data-testid="graph-canvas"][data-ready="true"]', {
    timeout: 180_000,
  });
  // Large views draw the first viewport, then add the rest in batches: wait for the last.
  await page.waitForSelector('[data-testid="graph-canvas"][data-complete="true"]', {
    timeout: 180_000,
  });
  return {
    ms: Number(await canvas.getAttribute('data-ready-ms')),
    completeMs: Number(
      (await canvas.getAttribute('data-complete-ms')) ??
        (await canvas.getAttribute('data-ready-ms')),
    ),
    nodes: Number(await canvas.getAttribute('data-node-count')),
    edges: Number(await canvas.getAttribute('data-edge-count')),
    renderer: (await canvas.getAttribute('data-renderer')) ?? '',
  };
}
