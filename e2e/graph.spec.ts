import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { slicedCluster, toKubernetesList } from '../bench/graph-clusters';
import type { GraphModel } from '../lib/graph/model';
import { snapshot } from '../lib/rbac/test-builders';
import type { RbacSnapshot } from '../lib/rbac/types';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

const canvas = (page: Page) => page.getByTestId('graph-canvas');

/** The graph is drawn, every element of it (large views draw the first viewport first). */
async function ready(page: Page): Promise<Locator> {
  const c = canvas(page);
  await expect(c).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(c).toHaveAttribute('data-complete', 'true', { timeout: 30_000 });
  return c;
}

/** In the page: the image (pixels, width, height) of each canvas layer that holds the drawing. */
const CANVAS_PIXELS = `[...document.querySelectorAll('[data-testid="graph-canvas"] canvas')]
  .filter((c) => c.width > 0 && c.height > 0)
  .map((c) => c.getContext('2d').getImageData(0, 0, c.width, c.height))`;

/**
 * An init script that, the moment the canvas first says `data-ready` (before any later batch),
 * records the pending count in `window.__pending` and runs `then`.
 */
const atFirstReady = (then: string) => `
  new MutationObserver((changes, observer) => {
    const c = document.querySelector('[data-testid="graph-canvas"]');
    if (!c || c.dataset.ready !== 'true') return;
    observer.disconnect();
    window.__pending = Number(c.dataset.pendingCount);
    ${then}
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/** Where a graph position is on screen, from the canvas's zoom and pan attributes. */
async function onScreen(page: Page, p: { x: number; y: number }) {
  const c = await ready(page);
  await expect(c).toHaveAttribute('data-zoom', /\d/);
  const box = (await c.boundingBox())!;
  const zoom = Number(await c.getAttribute('data-zoom'));
  const panX = Number(await c.getAttribute('data-pan-x'));
  const panY = Number(await c.getAttribute('data-pan-y'));
  // The drawing sits inside the canvas frame's 1 px border.
  return { x: box.x + 1 + p.x * zoom + panX, y: box.y + 1 + p.y * zoom + panY };
}

/**
 * Opens the focused view of RoleBinding read-pods and returns its model and a point on screen
 * on the edge from the binding to Role pod-reader (0.4 of the way).
 */
async function openReadPodsEdge(page: Page, app: AppServer) {
  const query = 'focus=binding:RoleBinding:default:read-pods';
  const m = await model(page, app, query);
  await page.goto(`${app.url}/graph?${query}`);
  await ready(page);
  await canvas(page).scrollIntoViewIfNeeded();
  const binding = m.nodes.find((n) => n.id === 'binding:RoleBinding:default:read-pods')!;
  const role = m.nodes.find((n) => n.id === 'role:Role:default:pod-reader')!;
  const mid = await onScreen(page, {
    x: binding.x! + (role.x! - binding.x!) * 0.4,
    y: binding.y! + (role.y! - binding.y!) * 0.4,
  });
  return { m, mid };
}

/** How many pixels of the drawn graph are close to a colour. */
async function pixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.getByTestId('graph-canvas').evaluate((el, [r, g, b]) => {
    let count = 0;
    for (const c of el.querySelectorAll('canvas')) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < data.length; i += 4) {
        if (
          data[i + 3]! > 200 &&
          Math.abs(data[i]! - r) < 24 &&
          Math.abs(data[i + 1]! - g) < 24 &&
          Math.abs(data[i + 2]! - b) < 24
        )
          count++;
      }
    }
    return count;
  }, rgb);
}

async function model(page: Page, app: AppServer, query = ''): Promise<GraphModel> {
  const res = await page.request.get(`${app.url}/api/graph${query ? `?${query}` : ''}`);
  expect(res.status()).toBe(200);
  // Written in ASCII (non-ASCII text as \u escapes), which browsers decode fastest.
  const body = await res.text();
  expect(body).toMatch(/^[\x20-\x7e]*$/);
  return JSON.parse(body) as GraphModel;
}

/** The dashboard serving a dump of `s`, written to a folder that `stop` removes. */
async function startOnDump(s: RbacSnapshot): Promise<AppServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-graph-e2e-'));
  const dump = path.join(dir, 'cluster.json');
  writeFileSync(dump, JSON.stringify(toKubernetesList(s)));
  const app = await startApp({ RBAC_SOURCE: `file:${dump}` });
  return {
    ...app,
    stop: async () => {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How many elements the canvas draws for a model: nodes, edges, and each band and its label. */
const drawnCount = (m: GraphModel) => m.nodes.length + m.edges.length + 2 * m.bands.length;

const hasEdge = (m: GraphModel, source: string, target: string) =>
  m.edges.some((e) => e.source === source && e.target === target);

test.describe('the graph of the demo cluster', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('shows myapp1 → RoleBinding read-pods → Role pod-reader, drawn and explorable', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const m = await model(page, app);
    expect(hasEdge(m, 'pod:default:myapp1', 'subject:ServiceAccount:default:myapp1')).toBe(true);
    expect(
      hasEdge(m, 'subject:ServiceAccount:default:myapp1', 'binding:RoleBinding:default:read-pods'),
    ).toBe(true);
    expect(
      hasEdge(m, 'binding:RoleBinding:default:read-pods', 'role:Role:default:pod-reader'),
    ).toBe(true);
    expect(
      hasEdge(m, 'role:Role:default:pod-reader', 'perm:role:Role:default:pod-reader:/pods'),
    ).toBe(true);
    // Its explanations hold text beyond ASCII, which the route escapes.
    expect(m.edges.some((e) => /[^\x00-\x7f]/.test(e.explain))).toBe(true);
    // The binding to a Role that does not exist is marked.
    expect(m.edges.find((e) => e.target === 'role:Role:team-b:legacy-worker')).toMatchObject({
      missing: true,
    });

    await page.goto(`${app.url}/graph`);
    await expect(page.getByRole('heading', { level: 1, name: 'Graph' })).toBeVisible();
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-node-count', String(m.nodes.length));
    await expect(c).toHaveAttribute('data-edge-count', String(m.edges.length));
    // Something is drawn: ServiceAccount blue and RoleBinding amber pixels.
    expect(await pixelsNear(page, [59, 130, 246])).toBeGreaterThan(20);
    expect(await pixelsNear(page, [252, 211, 77])).toBeGreaterThan(20);

    // Search jumps to myapp1 and the side panel follows the chain.
    await page.getByRole('combobox', { name: 'Find a node' }).fill('myapp1');
    await page.getByRole('option').filter({ hasText: 'ServiceAccount' }).click();
    await expect(c).toHaveAttribute('data-selected', 'subject:ServiceAccount:default:myapp1');
    const details = page.getByTestId('node-details');
    await expect(details.getByRole('heading', { name: 'myapp1' })).toBeVisible();
    await expect(details.getByRole('link', { name: 'Subject page' })).toHaveAttribute(
      'href',
      `/subjects/${encodeURIComponent('ServiceAccount:default:myapp1')}`,
    );
    await expect(details).toContainText('grants in namespace team-b');
    await details
      .getByRole('listitem')
      .filter({ hasText: 'grants in namespace default' })
      .getByRole('button', { name: 'read-pods' })
      .click();
    await expect(details.getByRole('heading', { name: 'read-pods' })).toBeVisible();
    await expect(details).toContainText('in namespace default only');
    await details.getByRole('button', { name: 'pod-reader' }).click();
    await expect(details.getByRole('heading', { name: 'pod-reader' })).toBeVisible();
    await expect(details).toContainText('get, list on pods');
    expect(errors).toEqual([]);
  });

  test('namespace and kind filters change the URL and what is drawn', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    const all = Number(await c.getAttribute('data-node-count'));

    // Closed, the picker holds no list of namespaces: the page need not send or hydrate it.
    const picker = page.getByTestId('namespace-picker');
    await expect(picker.locator('input[type=checkbox]')).toHaveCount(0);
    await picker.locator('summary').click();
    await picker.getByRole('checkbox', { name: 'team-a' }).check();
    await expect(page).toHaveURL(/\/graph\?namespace=team-a$/);
    const teamA = await model(page, app, 'namespace=team-a');
    await expect(c).toHaveAttribute('data-node-count', String(teamA.nodes.length));
    await expect(c).toHaveAttribute('data-ready', 'true');
    expect(teamA.nodes.length).toBeLessThan(all);
    expect(teamA.nodes.map((n) => n.id)).toContain('subject:User:alice@example.com');
    expect(teamA.nodes.map((n) => n.id)).not.toContain('pod:default:myapp1');

    await page.getByRole('checkbox', { name: 'Users' }).uncheck();
    await expect(page).toHaveURL(/\/graph\?namespace=team-a&kind=ServiceAccount,Group$/);
    const noUsers = await model(page, app, 'namespace=team-a&kind=ServiceAccount,Group');
    await expect(c).toHaveAttribute('data-node-count', String(noUsers.nodes.length));
    expect(noUsers.nodes.map((n) => n.id)).not.toContain('subject:User:alice@example.com');
    expect(noUsers.nodes.length).toBeLessThan(teamA.nodes.length);
    await ready(page);
    expect(errors).toEqual([]);
  });

  test('focus shows a node’s neighbourhood only, and clears', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    const all = Number(await c.getAttribute('data-node-count'));
    await page.getByRole('combobox', { name: 'Find a node' }).fill('frontend');
    await page.keyboard.press('Enter');
    await page.getByTestId('node-details').getByRole('button', { name: 'Focus on this' }).click();
    await expect(page).toHaveURL(/focus=subject:ServiceAccount:team-a:frontend/);
    const focused = await model(page, app, 'focus=subject:ServiceAccount:team-a:frontend');
    await expect(c).toHaveAttribute('data-node-count', String(focused.nodes.length));
    expect(focused.nodes.length).toBeLessThan(all / 3);
    // frontend gets "view" in team-a through its namespace's group; myapp1 is not around.
    const ids = focused.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'pod:team-a:frontend-6d4b',
        'subject:Group:system:serviceaccounts:team-a',
        'binding:RoleBinding:team-a:team-a-view',
        'role:ClusterRole:view',
      ]),
    );
    expect(ids).not.toContain('subject:ServiceAccount:default:myapp1');
    await expect(page.getByTestId('focus-chip')).toContainText('frontend');
    await ready(page);

    await page.getByRole('button', { name: 'Clear focus' }).click();
    await expect(page).toHaveURL(/\/graph$/);
    await expect(c).toHaveAttribute('data-node-count', String(all));

    // A view of short names is laid out narrow, so it is drawn large enough to read: its
    // labels at 13 px or more.
    await page.goto(`${app.url}/graph?focus=subject:ServiceAccount:default:myapp1`);
    await ready(page);
    await expect(c).toHaveAttribute('data-zoom', /\d/);
    expect(Number(await c.getAttribute('data-zoom'))).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });

  test('a focus not in the data is named in the chip; a “+N more” tag focuses its role', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph?focus=subject:User:nobody`);
    await ready(page);
    await expect(page.getByTestId('graph-notices')).toContainText(
      'There is no subject:User:nobody in this data',
    );
    await expect(page.getByTestId('focus-chip')).toHaveText('Focus: subject:User:nobody×');

    // ClusterRole view has more permissions than a role shows: its tag opens them all.
    const more = 'more:role:ClusterRole:view';
    const m = await model(page, app, `focus=${more}`);
    expect(m.meta.notices).toEqual([]);
    expect(m.meta.focus).toBe('role:ClusterRole:view');
    expect(m.nodes.map((n) => n.id)).not.toContain(more);
    await page.goto(`${app.url}/graph`);
    await ready(page);
    await page.getByRole('combobox', { name: 'Find a node' }).fill(more);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-details')).toContainText('more');
    await page.waitForTimeout(500); // the jump animation
    const whole = await model(page, app);
    const tag = whole.nodes.find((n) => n.id === more)!;
    const p = await onScreen(page, { x: tag.x!, y: tag.y! });
    await page.mouse.dblclick(p.x, p.y);
    await expect(page).toHaveURL(/focus=/);
    await expect(page.getByTestId('focus-chip')).toContainText('view');
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-node-count', String(m.nodes.length));
    expect(errors).toEqual([]);
  });

  test('the keyboard’s focus stays in the graph when a control goes away', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    await ready(page);
    await page.getByRole('combobox', { name: 'Find a node' }).fill('read-pods');
    await page.keyboard.press('Enter');
    const details = page.getByTestId('node-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText('read-pods');
    // A related node, chosen from the panel: its title takes the focus.
    await details.getByRole('button', { name: 'pod-reader' }).focus();
    await page.keyboard.press('Enter');
    const title = details.getByRole('heading', { level: 2 });
    await expect(title).toHaveText('pod-reader');
    await expect(title).toBeFocused();
    // Focus on this, then Clear focus: each leaves the keyboard on the canvas.
    const canvasBox = page.getByRole('application');
    await details.getByRole('button', { name: 'Focus on this' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/focus=role:Role:default:pod-reader/);
    await expect(canvasBox).toBeFocused();
    await ready(page);
    await page.getByRole('button', { name: 'Clear focus' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/graph$/);
    await expect(canvasBox).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('a “show in graph” link highlights the grant path', async ({ page }) => {
    const errors = watchErrors(page);
    const path = [
      'subject:ServiceAccount:default:myapp1',
      'binding:RoleBinding:default:read-pods',
      'role:Role:default:pod-reader',
      // As a checker builds it from the request: resolved to the role's "pods" permission.
      'perm:role:Role:default:pod-reader:/pods',
    ];
    await page.goto(`${app.url}/graph?focus=${path[0]}&highlight=${path.join(',')}`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-highlight-count', '4');
    // The path is drawn in the highlight colour.
    expect(await pixelsNear(page, [79, 70, 229])).toBeGreaterThan(200);

    // In the whole graph, too large to show whole: the path is shown in its namespace, the
    // band's title and the Pod in view, not zoomed onto the three nodes alone.
    const query = `highlight=${path.join(',')}`;
    await page.goto(`${app.url}/graph?${query}`);
    await ready(page);
    const m = await model(page, app, query);
    const frame = (await c.boundingBox())!;
    const within = (p: { x: number; y: number }) =>
      p.x >= frame.x &&
      p.x <= frame.x + frame.width &&
      p.y >= frame.y &&
      p.y <= frame.y + frame.height;
    const band = m.bands.find((b) => b.namespace === 'default')!;
    const pod = m.nodes.find((n) => n.id === 'pod:default:myapp1')!;
    expect(within(await onScreen(page, { x: band.x, y: band.y }))).toBe(true);
    expect(within(await onScreen(page, { x: pod.x!, y: pod.y! }))).toBe(true);
    for (const id of path.slice(0, 3)) {
      const n = m.nodes.find((x) => x.id === id)!;
      expect(within(await onScreen(page, { x: n.x!, y: n.y! })), id).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  test('on a touch screen, two fingers pinch to zoom and one finger pans', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    await c.scrollIntoViewIfNeeded();
    const frame = (await c.boundingBox())!;
    const x = frame.x + frame.width / 2;
    const y = frame.y + Math.min(frame.height, 844 - frame.y) / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (
      type: 'touchStart' | 'touchMove' | 'touchEnd',
      points: { x: number; y: number }[],
    ) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((p, id) => ({ ...p, id })),
      });
    const zoom = async () => Number(await c.getAttribute('data-zoom'));
    const before = await zoom();
    // Two fingers 40 px apart, moved to 200 px apart.
    await touch('touchStart', [
      { x: x - 20, y },
      { x: x + 20, y },
    ]);
    for (let d = 30; d <= 100; d += 10) {
      await touch('touchMove', [
        { x: x - d, y },
        { x: x + d, y },
      ]);
    }
    await touch('touchEnd', []);
    await expect.poll(zoom).toBeGreaterThan(before * 2);
    // One finger drags the graph 60 px to the left.
    const panX = Number(await c.getAttribute('data-pan-x'));
    await touch('touchStart', [{ x, y }]);
    for (let d = 10; d <= 60; d += 10) await touch('touchMove', [{ x: x - d, y }]);
    await touch('touchEnd', []);
    await expect
      .poll(async () => Math.round(Number(await c.getAttribute('data-pan-x')) - panX))
      .toBeLessThan(-40);
    // The caption speaks of fingers.
    await expect(page.getByText('Drag to pan · pinch to zoom')).toBeVisible();
    await expect(page.getByText('Scroll to pan')).toBeHidden();
    // A double tap on a node focuses it.
    await page.goto(`${app.url}/graph`);
    await ready(page);
    await c.scrollIntoViewIfNeeded();
    const m = await model(page, app);
    const oncall = m.nodes.find((n) => n.kind === 'Group' && n.label === 'oncall')!;
    const at = await onScreen(page, { x: oncall.x!, y: oncall.y! });
    for (let i = 0; i < 2; i++) {
      await touch('touchStart', [at]);
      await touch('touchEnd', []);
    }
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe(oncall.id);
    // With no hover, a tap on an edge explains it, until a tap elsewhere.
    const { mid } = await openReadPodsEdge(page, app);
    await touch('touchStart', [mid]);
    await touch('touchEnd', []);
    await expect(page.getByTestId('edge-tooltip')).toHaveText(
      'RoleBinding read-pods (namespace default) grants Role pod-reader in namespace default',
    );
    // Inside the canvas, and not squeezed against its right edge.
    const empty = (await c.boundingBox())!;
    const tip = (await page.getByTestId('edge-tooltip').boundingBox())!;
    expect(tip.x).toBeGreaterThanOrEqual(empty.x);
    expect(tip.x + tip.width).toBeLessThanOrEqual(empty.x + empty.width);
    expect(tip.width).toBeGreaterThan(250);
    await touch('touchStart', [{ x: empty.x + 10, y: empty.y + empty.height - 10 }]);
    await touch('touchEnd', []);
    await expect(page.getByTestId('edge-tooltip')).toHaveCount(0);
    await expect(page.getByText('Tap a node to see what it is')).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the wheel pans, Ctrl + wheel zooms about the pointer; so do the keys', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-zoom', /\d/);
    const view = async () => ({
      zoom: Number(await c.getAttribute('data-zoom')),
      x: Number(await c.getAttribute('data-pan-x')),
      y: Number(await c.getAttribute('data-pan-y')),
    });
    const start = await view();
    const frame = (await c.boundingBox())!;
    const pointer = { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
    await page.mouse.move(pointer.x, pointer.y);
    await page.mouse.wheel(0, 200);
    await expect.poll(async () => (await view()).y).toBeCloseTo(start.y - 200, 0);
    expect((await view()).zoom).toBe(start.zoom);
    // The graph point under the pointer stays there while zooming in.
    const panned = await view();
    const under = {
      x: (pointer.x - frame.x - 1 - panned.x) / panned.zoom,
      y: (pointer.y - frame.y - 1 - panned.y) / panned.zoom,
    };
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await view()).zoom).toBeGreaterThan(panned.zoom * 1.5);
    const at = await onScreen(page, under);
    expect(Math.abs(at.x - pointer.x)).toBeLessThan(2);
    expect(Math.abs(at.y - pointer.y)).toBeLessThan(2);
    await expect(page.getByText('Scroll to pan · Ctrl+scroll to zoom')).toBeVisible();
    await expect(page.getByText('Drag to pan')).toBeHidden();

    // From the keyboard, once the canvas has focus: the arrow keys pan, + and − zoom.
    const graph = page.getByRole('application', { name: /RBAC graph/ });
    await graph.focus();
    const zoomed = await view();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await view()).x).toBeCloseTo(zoomed.x - 60, 0);
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(async () => (await view()).y).toBeCloseTo(zoomed.y + 240, 0);
    await page.keyboard.press('-');
    await expect.poll(async () => (await view()).zoom).toBeCloseTo(zoomed.zoom * 0.8, 3);
    await page.keyboard.press('+');
    await expect.poll(async () => (await view()).zoom).toBeCloseTo(zoomed.zoom, 3);
    // 0 fits the whole graph, as the Fit button does: the demo's is taller than the canvas.
    await page.keyboard.press('0');
    await expect.poll(async () => (await view()).zoom).toBeLessThan(start.zoom);
    expect(errors).toEqual([]);
  });

  test('Fit shows the whole graph, below the canvas’s buttons', async ({ page }) => {
    const errors = watchErrors(page);
    const m = await model(page, app);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-zoom', /\d/);
    const first = Number(await c.getAttribute('data-zoom'));
    const frame = (await c.boundingBox())!;
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.mouse.wheel(300, 600);
    const fit = page.getByRole('button', { name: 'Fit the whole graph' });
    const button = (await fit.boundingBox())!;
    const buttonsBottom = button.y + button.height;
    await fit.click();
    // The demo's whole graph is taller than the canvas: Fit zooms out, then settles.
    let last = NaN;
    await expect
      .poll(async () => {
        const zoom = Number(await c.getAttribute('data-zoom'));
        const settled = zoom === last && zoom < first;
        last = zoom;
        return settled;
      })
      .toBe(true);
    expect(m.bands.length).toBeGreaterThan(2);
    for (const band of m.bands) {
      const tl = await onScreen(page, { x: band.x, y: band.y });
      const br = await onScreen(page, { x: band.x + band.width, y: band.y + band.height });
      expect(tl.y, band.namespace ?? 'cluster-wide').toBeGreaterThan(buttonsBottom);
      expect(tl.x).toBeGreaterThan(frame.x);
      expect(br.x).toBeLessThan(frame.x + frame.width);
      expect(br.y).toBeLessThan(frame.y + frame.height);
    }
    expect(errors).toEqual([]);
  });

  test('hovering an edge explains it; clicking a node opens its details', async ({ page }) => {
    const errors = watchErrors(page);
    const { m, mid } = await openReadPodsEdge(page, app);
    const role = m.nodes.find((n) => n.id === 'role:Role:default:pod-reader')!;
    await page.mouse.move(mid.x, mid.y - 40);
    await page.mouse.move(mid.x, mid.y, { steps: 4 });
    await expect(page.getByTestId('edge-tooltip')).toHaveText(
      'RoleBinding read-pods (namespace default) grants Role pod-reader in namespace default',
    );
    const r = await onScreen(page, { x: role.x!, y: role.y! });
    await page.mouse.click(r.x, r.y);
    await expect(canvas(page)).toHaveAttribute('data-selected', 'role:Role:default:pod-reader');
    await expect(page.getByTestId('node-details')).toContainText('get, list on pods');
    expect(errors).toEqual([]);
  });

  test('the WebGL renderer draws the same graph, and the legend says its edges are solid', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    let c = await ready(page);
    await expect(c).toHaveAttribute('data-renderer', 'canvas');
    const count = await c.getAttribute('data-node-count');
    await expect(page.getByTestId('graph-legend')).toBeVisible();
    await expect(page.getByTestId('legend-solid-edges')).toHaveCount(0);

    await page.goto(`${app.url}/graph?renderer=webgl`);
    c = await ready(page);
    await expect(c).toHaveAttribute('data-renderer', 'webgl');
    await expect(c).toHaveAttribute('data-node-count', count!);
    await expect(page.getByTestId('legend-solid-edges')).toContainText('draws every edge solid');
    expect(errors).toEqual([]);
  });

  test('exports the view as a PNG and the model as JSON', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph?namespace=default`);
    const c = await ready(page);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('rbac-graph.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(2000);

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe('rbac-graph.json');
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as GraphModel;
    expect(exported.meta.query.namespaces).toEqual(['default']);
    await expect(c).toHaveAttribute('data-node-count', String(exported.nodes.length));
    expect(exported.nodes.map((n) => n.id)).toContain('binding:RoleBinding:default:read-pods');
    // The export is the view's model, as `/api/graph` answers it for the view.
    expect(exported).toEqual(
      await (await page.request.get(`${app.url}/api/graph?namespace=default`)).json(),
    );
    expect(errors).toEqual([]);
  });

  test('a view whose model could not be loaded exports no JSON', async ({ page }) => {
    const errors = watchErrors(page);
    // The server's answer for this view fails; the browser's request is answered in its place.
    await page.route('**/api/graph?namespace=kube-system', (route) =>
      route.fulfill({ status: 500, json: { error: 'the model could not be built' } }),
    );
    await page.goto(`${app.url}/graph?namespace=kube-system`);
    await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toContainText(
      'the model could not be built',
    );
    await expect(page.getByRole('button', { name: 'JSON' })).toBeDisabled();
    // The failed request is the only error.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('500');
  });

  test('search: the arrow keys move through the matches, Enter jumps to one', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    const box = page.getByRole('combobox', { name: 'Find a node' });
    await box.fill('pod-reader');
    const options = page.getByRole('option');
    await expect(options.first()).toContainText('pod-reader');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    // A permission names its role: two "pods" permissions are told apart.
    await expect(options.filter({ hasText: 'Permission of pod-reader · default' })).toHaveCount(1);
    await box.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options.first()).toHaveAttribute('aria-selected', 'false');
    await expect(box).toHaveAttribute(
      'aria-activedescendant',
      (await options.nth(1).getAttribute('id'))!,
    );
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect(c).toHaveAttribute('data-selected', 'role:Role:team-b:pod-reader-tb');
    await expect(page.getByTestId('node-details')).toContainText('pod-reader-tb');
    await expect(options).toHaveCount(0);
    // Shown in its namespace: the band's top-left corner, where its title is, in the canvas and
    // below the canvas's buttons, with the role.
    const m = await model(page, app);
    const frame = (await c.boundingBox())!;
    const buttons = (await page
      .getByRole('button', { name: 'Fit the whole graph' })
      .boundingBox())!;
    const where = (p: { x: number; y: number }, top = frame.y) =>
      p.x < frame.x || p.x > frame.x + frame.width
        ? 'outside, left or right'
        : p.y < top || p.y > frame.y + frame.height
          ? 'outside, above or below'
          : 'in view';
    const teamB = m.bands.find((b) => b.namespace === 'team-b')!;
    const role = m.nodes.find((n) => n.id === 'role:Role:team-b:pod-reader-tb')!;
    // (Polled until the animated jump ends.)
    await expect
      .poll(async () => {
        const corner = await onScreen(page, teamB);
        const at = await onScreen(page, { x: role.x!, y: role.y! });
        return `title ${where(corner, buttons.y + buttons.height)}, role ${where(at)}`;
      })
      .toBe('title in view, role in view');
    // The permissions a role does not show, too.
    await box.fill('more');
    await expect(options.filter({ hasText: 'More permissions of view' })).toHaveCount(1);

    // A Pod, in the first column: shown with the graph beside it, the namespace's band starting
    // at the canvas's left edge (not centred, half the canvas left empty).
    await box.fill('ci-runner');
    await box.press('Enter');
    await expect(c).toHaveAttribute('data-selected', 'pod:ci:ci-runner-7f9c');
    const band = m.bands.find((b) => b.namespace === 'ci')!;
    const pod = m.nodes.find((n) => n.id === 'pod:ci:ci-runner-7f9c')!;
    // (Polled until the animated jump ends, from wherever the last jump left the view.)
    await expect
      .poll(async () => {
        const left = Math.round((await onScreen(page, band)).x - frame.x);
        const at = await onScreen(page, { x: pod.x!, y: pod.y! });
        const edge = left >= 0 && left <= 25 ? 'at the left edge' : `${left} px from the left edge`;
        return `band ${edge}, Pod ${where(at)}`;
      })
      .toBe('band at the left edge, Pod in view');
    expect(errors).toEqual([]);
  });

  test('an empty view says why, and clears its filters', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph?namespace=nope`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-node-count', '0');
    await expect(page.getByTestId('graph-notices')).toContainText(
      'There is no namespace nope in this data.',
    );
    const empty = page.getByTestId('graph-empty');
    await expect(empty).toContainText('Nothing in this data matches these filters.');
    await empty.getByRole('button', { name: 'Clear the filters' }).click();
    await expect(page).toHaveURL(/\/graph$/);
    await expect(empty).toHaveCount(0);
    await expect(c).not.toHaveAttribute('data-node-count', '0');
    await ready(page);
    expect(errors).toEqual([]);
  });

  test('a parameter the graph does not use is named, with the one meant', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph?namespaces=team-a&kind=User`);
    const notices = page.getByTestId('graph-notices');
    await expect(notices).toContainText(
      'The graph does not use the parameter namespaces (did you mean namespace?); it was ignored.',
    );
    const c = await ready(page);
    const users = await model(page, app, 'kind=User');
    await expect(c).toHaveAttribute('data-node-count', String(users.nodes.length));
    // The dashboard's own navigation adds nothing the notice would name.
    await page.getByRole('checkbox', { name: 'Groups' }).check();
    await expect(page).toHaveURL(/\/graph\?kind=User,Group$/);
    await ready(page);
    await expect(page.getByText('The graph does not use')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('bad input: the API answers 400, the page says what is wrong', async ({ page }) => {
    const res = await page.request.get(`${app.url}/api/graph?kind=Robot`);
    expect(res.status()).toBe(400);
    expect((await res.json()).error).toBe(
      'kind: "Robot" is not a subject kind (ServiceAccount, User or Group)',
    );
    await page.goto(`${app.url}/graph?namespace=Not_A_Namespace`);
    await expect(page.getByRole('alert').filter({ hasText: 'not valid' })).toContainText(
      'namespace: "Not_A_Namespace" is not a namespace name',
    );
  });
});

test.describe('the graph of a cluster too large to draw whole', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startOnDump(slicedCluster(60));
  });
  test.afterAll(() => app.stop());

  test('unfolded, it draws the first viewport, answers, then adds the rest', async ({ page }) => {
    const errors = watchErrors(page);
    const m = await model(page, app, 'all=1');
    expect(m.nodes.length + m.edges.length).toBeGreaterThan(5000);
    // What the page shows at the moment it says it is ready, before any later batch.
    await page.addInitScript(
      atFirstReady(`
        window.__pixels = ${CANVAS_PIXELS};
      `),
    );
    await page.goto(`${app.url}/graph?all=1`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-pending-count', '0');
    await expect(c).toHaveAttribute('data-drawn-count', String(drawnCount(m)));
    // The first frame was drawn without cytoscape's texture caches (see direct-first-frame.ts).
    await expect(c).toHaveAttribute('data-first-frame', 'direct');
    // Most of the graph was still to come when the page said it was ready …
    const pending = (await page.evaluate('window.__pending')) as number;
    expect(pending).toBeGreaterThan((m.nodes.length + m.edges.length) / 2);
    // … yet the viewport showed then what it shows with every element in: of the pixels drawn
    // in ink now (not the white or pale backgrounds), hardly any were blank then. The first
    // frame is drawn straight onto the canvas and later ones from cytoscape's texture caches,
    // which shade the edges of text and shapes a little differently: a pixel counts as shown
    // then when the first frame had ink within one pixel of it. (Withholding one in fifteen of
    // the first viewport's nodes from the first frame left 9.5% of the ink blank.)
    const diff = (await page.evaluate(`(() => {
      const then = window.__pixels;
      const now = ${CANVAS_PIXELS};
      const isInk = (px, i) => px[i + 3] >= 128 && px[i] + px[i + 1] + px[i + 2] <= 600;
      let ink = 0, blank = 0;
      now.forEach(({ data: px, width: w, height: h }, layer) => {
        const old = then[layer]?.data;
        const inkNear = (x, y) => {
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const xx = x + dx, yy = y + dy;
              if (xx >= 0 && yy >= 0 && xx < w && yy < h && isInk(old, (yy * w + xx) * 4)) return true;
            }
          }
          return false;
        };
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            if (!isInk(px, (y * w + x) * 4)) continue;
            ink++;
            if (!old || !inkNear(x, y)) blank++;
          }
        }
      });
      return { ink, blank };
    })()`)) as { ink: number; blank: number };
    expect(diff.ink).toBeGreaterThan(5000);
    expect(diff.blank / diff.ink).toBeLessThan(0.01);
    // An element added in the last batches can be found and is drawn where it should be.
    const last = m.nodes.filter((n) => n.namespace === 'ns-59' && n.kind === 'ServiceAccount')[0]!;
    await page.getByRole('combobox', { name: 'Find a node' }).fill(last.id);
    await page
      .getByRole('option')
      .filter({ hasText: 'ServiceAccount · ns-59' })
      .filter({ has: page.getByText(last.label, { exact: true }) })
      .click();
    await expect(c).toHaveAttribute('data-selected', last.id);
    await page.waitForTimeout(500); // the jump animation
    const p = await onScreen(page, { x: last.x!, y: last.y! });
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('node-details')).toContainText(last.label);
    expect(errors).toEqual([]);
  });

  test('exports a large view as a PNG no larger than a browser can draw', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph?all=1`);
    await ready(page);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG' }).click(),
    ]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The header's width and height: this view, 60 namespaces one above the other, is far
    // taller than wide; scaled down from twice its size to 8,000 px high (within 16.7 M pixels).
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(height).toBeGreaterThanOrEqual(7990);
    expect(height).toBeLessThanOrEqual(8000);
    expect(width).toBeGreaterThan(100);
    expect(width * height).toBeLessThanOrEqual(16_777_216);
    expect(errors).toEqual([]);
  });

  test('changing the view while batches are still coming draws the new view only', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    // The moment the first viewport is drawn, before any batch: leave out ServiceAccounts.
    await page.addInitScript(
      atFirstReady(`
        const box = [...document.querySelectorAll('label')]
          .find((l) => l.textContent.trim() === 'ServiceAccounts')
          .querySelector('input');
        box.click();
      `),
    );
    await page.goto(`${app.url}/graph?all=1`);
    await expect(page).toHaveURL(/kind=/);
    expect(await page.evaluate('window.__pending')).toBeGreaterThan(1000);
    const c = await ready(page);
    const m = await model(page, app, new URL(page.url()).search.slice(1));
    expect(m.meta.query.kinds).toEqual(['User', 'Group']);
    await expect(c).toHaveAttribute('data-node-count', String(m.nodes.length));
    await expect(c).toHaveAttribute('data-drawn-count', String(drawnCount(m)));
    expect(errors).toEqual([]);
  });

  test('folds namespaces into nodes with counts; clicking one opens it', async ({ page }) => {
    const errors = watchErrors(page);
    const m = await model(page, app);
    expect(m.meta.mode).toBe('namespaces');
    const tile = m.nodes.find((n) => n.id === 'ns:ns-7')!;
    expect(tile.counts?.Pod).toBe(8);

    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-mode', 'namespaces');
    await expect(page.getByTestId('graph-notices')).toContainText('folded');
    // Bring the tile into view, then click it.
    await page.getByRole('combobox', { name: 'Find a node' }).fill('ns-7');
    await page.getByRole('option').filter({ hasText: 'Namespace' }).first().click();
    await expect(c).toHaveAttribute('data-selected', 'ns:ns-7');
    await page.waitForTimeout(500); // the jump animation
    const p = await onScreen(page, { x: tile.x!, y: tile.y! });
    await page.mouse.click(p.x, p.y);
    await expect(page).toHaveURL(/\/graph\?namespace=ns-7$/);
    await expect(c).toHaveAttribute('data-mode', 'detail');
    await ready(page);
    expect(errors).toEqual([]);
  });
});

test.describe('the namespace picker of a cluster with 250 namespaces of 63 characters', () => {
  let app: AppServer;
  const names = Array.from({ length: 250 }, (_, i) => `team-${i}-`.padEnd(63, 'x'));
  test.beforeAll(async () => {
    const s = snapshot();
    s.serviceAccounts.push(...names.map((namespace) => ({ namespace, name: 'app' })));
    app = await startOnDump(s);
  });
  test.afterAll(() => app.stop());

  test('lists 200 and says so; chooses every match of a filter when the address holds them', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    await ready(page);
    const picker = page.getByTestId('namespace-picker');
    await picker.locator('summary').click();
    await expect(picker.getByRole('checkbox')).toHaveCount(200);
    await expect(picker).toContainText('200 of 250 listed: filter to find the others.');

    // All 250 would not fit in an address (250 × 64 characters).
    const filter = picker.getByRole('searchbox', { name: 'Filter namespaces' });
    await filter.fill('team');
    await expect(picker).toContainText('250 match: too many for one view’s address.');
    await expect(picker.getByRole('button', { name: /^Choose all/ })).toHaveCount(0);

    // team-1, team-10…19, team-100…199: 111 of them fit.
    await filter.fill('team-1');
    await expect(picker.getByRole('checkbox')).toHaveCount(111);
    await picker.getByRole('button', { name: 'Choose all 111 matching “team-1”' }).click();
    const chosen = names.filter((n) => n.includes('team-1')).sort();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('namespace'))
      .toBe(chosen.join(','));
    const m = await model(page, app, `namespace=${chosen.join(',')}`);
    expect(m.bands.map((b) => b.namespace).sort()).toEqual(chosen);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-node-count', String(m.nodes.length));
    await expect(page.getByTestId('namespace-picker').locator('summary')).toContainText(
      '111 namespaces',
    );

    // 125 names fill the address (7,999 characters): no other can be ticked, and it says why.
    const fill = [...names].sort().slice(0, 125);
    await page.goto(`${app.url}/graph?namespace=${fill.join(',')}`);
    await ready(page);
    await picker.locator('summary').click();
    await expect(picker).toContainText('The view’s address holds no more namespaces');
    const boxes = picker.getByRole('checkbox');
    await expect(boxes.nth(0)).toBeChecked();
    await expect(boxes.nth(0)).toBeEnabled();
    await expect(boxes.nth(125)).not.toBeChecked();
    await expect(boxes.nth(125)).toBeDisabled();
    expect(errors).toEqual([]);
  });
});

test.describe('the graph of a cluster with nothing but the built-in policy', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: `file:${fixturePath('dumps', 'built-in-only.yaml')}` });
  });
  test.afterAll(() => app.stop());

  test('says the built-in policy is hidden, and shows it', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/graph`);
    const c = await ready(page);
    await expect(c).toHaveAttribute('data-node-count', '0');
    const empty = page.getByTestId('graph-empty');
    await expect(empty).toContainText('outside the built-in policy');
    await empty.getByRole('button', { name: 'Show the built-in policy' }).click();
    await expect(page).toHaveURL(/\/graph\?system=1$/);
    await expect(empty).toHaveCount(0);
    const shown = await model(page, app, 'system=1');
    expect(shown.nodes.map((n) => n.id)).toContain('binding:ClusterRoleBinding:system:discovery');
    await expect(c).toHaveAttribute('data-node-count', String(shown.nodes.length));
    await ready(page);
    expect(errors).toEqual([]);
  });
});
