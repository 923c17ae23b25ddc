import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startApp } from '../e2e/fixtures/app-server';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures/chromium';
import { slicedCluster, toKubernetesList } from './graph-clusters';
const dir = mkdtempSync(path.join(os.tmpdir(), 'wm-'));
const dump = path.join(dir, 'c.json');
writeFileSync(dump, JSON.stringify(toKubernetesList(slicedCluster(19))));
const server = await startApp({ RBAC_SOURCE: `file:${dump}` }, { timeoutMs: 60000 });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  for (let i = 0; i < 3; i++) {
    const page = await ctx.newPage();
    await page.goto(server.url + '/graph');
    await page.waitForSelector('[data-complete="true"]');
    await page.waitForTimeout(1000);
    const r = await page.evaluate(`new Promise((resolve) => {
      const cy = window.__cy; const Core = cy.constructor;
      const ext = cy.extent();
      const els = cy.elements().filter((e) => { const b = e.boundingBox(); return b.x2 >= ext.x1 && b.x1 <= ext.x2 && b.y2 >= ext.y1 && b.y1 <= ext.y2; });
      const nodes = els.nodes().union(els.edges().connectedNodes());
      const json = nodes.jsons().concat(els.edges().jsons());
      const div = document.createElement('div'); div.style.cssText = 'position:fixed;left:0;top:0;width:' + cy.width() + 'px;height:' + cy.height() + 'px;z-index:1000;background:white';
      document.body.appendChild(div);
      const t0 = performance.now();
      const c2 = new Core({ container: div, style: cy.style().json(), elements: json, layout: { name: 'preset' }, zoom: cy.zoom(), pan: cy.pan(), motionBlur: false });
      const t1 = performance.now();
      c2.one('render', () => { const t2 = performance.now(); const ch = new MessageChannel(); ch.port1.onmessage = () => resolve({ n: json.length, create: t1 - t0, toRender: t2 - t1, toAfterFrame: performance.now() - t1 }); ch.port2.postMessage(null); });
    })`);
    console.log(JSON.stringify(r));
    await page.close();
  }
} finally { await browser.close(); await server.stop(); }
