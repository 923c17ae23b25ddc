import { expect, test } from '@playwright/test';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

const MYAPP1 = 'system:serviceaccount:default:myapp1';
const ask = (search: string) => `/check?${search}`;
const CURL =
  'curl --cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt -H "Authorization: Bearer $(cat /var/run/secrets/kubernetes.io/serviceaccount/token)" https://kubernetes.default.svc/api/v1/namespaces/default/pods';

test.describe('Check, on the demo cluster', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('can myapp1 list pods in default? Yes, through pod-reader', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=list&resource=pods&namespace=default`));
    await expect(page.getByTestId('verdict')).toHaveText(
      `Yes, ${MYAPP1} can list pods in namespace default.`,
    );
    const paths = page.getByTestId('grant-paths');
    await expect(paths).toContainText('Why: one grant path');
    await expect(paths).toContainText('get, list on pods');
    await expect(paths.getByRole('link', { name: 'default/read-pods' })).toHaveAttribute(
      'href',
      '/graph?focus=binding%3ARoleBinding%3Adefault%3Aread-pods',
    );
    await expect(paths.getByRole('link', { name: 'pod-reader' })).toHaveAttribute(
      'href',
      '/graph?focus=role%3ARole%3Adefault%3Apod-reader',
    );
    await expect(paths.getByRole('link', { name: 'get, list on pods' })).toHaveAttribute(
      'href',
      '/subjects/ServiceAccount%3Adefault%3Amyapp1#role:Role:default:pod-reader',
    );
    await expect(page.getByTestId('near-misses')).toHaveCount(0);
    await expect(page.getByTestId('kubectl')).toHaveText(
      `kubectl auth can-i list pods --as=${MYAPP1} -n default`,
    );
    await expect(page.getByTestId('curl')).toHaveText(CURL);
    const graph = await page.getByTestId('show-in-graph').getAttribute('href');
    const graphUrl = new URL(graph!, app.url);
    expect(graphUrl.pathname).toBe('/graph');
    expect(graphUrl.searchParams.get('focus')).toBe('subject:ServiceAccount:default:myapp1');
    expect(graphUrl.searchParams.get('highlight')?.split(',')).toEqual([
      'subject:ServiceAccount:default:myapp1',
      'binding:RoleBinding:default:read-pods',
      'role:Role:default:pod-reader',
    ]);
    // The rule leads to the role and all its rules, on the page of the subject it binds.
    await paths.getByRole('link', { name: 'get, list on pods' }).click();
    await page.waitForURL(
      /\/subjects\/ServiceAccount%3Adefault%3Amyapp1#role:Role:default:pod-reader$/,
    );
    await expect(page.locator('[id="role:Role:default:pod-reader"]')).toContainText(
      'Role pod-reader',
    );
    expect(errors).toEqual([]);
  });

  test('delete? No, with the near miss in plain words', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=delete&resource=pods&namespace=default`));
    await expect(page.getByTestId('verdict')).toHaveText(/^No, /);
    await expect(page.getByTestId('grant-paths')).toHaveCount(0);
    await expect(page.getByTestId('near-misses')).toContainText(
      'Role pod-reader in namespace default (through RoleBinding read-pods in namespace default) allows get, list on pods, but not the verb delete.',
    );
    await expect(page.getByTestId('curl')).toContainText(
      'curl -X DELETE --cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    );
    expect(errors).toEqual([]);
  });

  test('the binding in the wrong namespace is a near miss, not a grant', async ({ page }) => {
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=list&resource=pods&namespace=team-a`));
    await expect(page.getByTestId('verdict')).toHaveText(/^No, /);
    await expect(page.getByTestId('near-misses')).toContainText(
      'RoleBinding read-pods in namespace default would allow this in default, not in team-a',
    );
  });

  test('a non-resource URL granted through an aggregated ClusterRole', async ({ page }) => {
    await page.goto(
      app.url + ask('as=system:serviceaccount:monitoring:prometheus&verb=get&url=/metrics'),
    );
    await expect(page.getByTestId('verdict')).toHaveText(
      'Yes, system:serviceaccount:monitoring:prometheus can get /metrics.',
    );
    await expect(page.getByTestId('grant-paths')).toContainText(
      '(aggregated from metrics-endpoints)',
    );
    await expect(page.getByTestId('grant-paths')).toContainText('cluster-wide');
    await expect(page.getByTestId('kubectl')).toHaveText(
      'kubectl auth can-i get /metrics --as=system:serviceaccount:monitoring:prometheus',
    );
    await expect(page.getByTestId('curl')).toHaveText(
      /https:\/\/kubernetes\.default\.svc\/metrics$/,
    );
  });

  test('the form: pick a subject by keyboard, ask, and back and forward restore the question', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/check`);
    await expect(page.getByTestId('examples')).toContainText(
      'Can default/myapp1 list pods in default?',
    );
    const who = page.getByRole('combobox', { name: /Who/ });
    await who.focus();
    await page.keyboard.type('myapp');
    const option = page.getByRole('option', { name: /default\/myapp1/ });
    await expect(option).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(who).toHaveValue(MYAPP1);
    await expect(page.getByRole('listbox')).toHaveCount(0);

    // On through the form by keyboard alone.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(/^Groups/)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: 'A resource' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Verb')).toBeFocused();
    await page.keyboard.type('list');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Resource', { exact: true })).toBeFocused();
    await page.keyboard.type('pods');
    for (const field of ['Subresource', 'API group', 'Name', 'Namespace']) {
      await page.keyboard.press('Tab');
      await expect(page.getByLabel(field, { exact: true })).toBeFocused();
    }
    await page.keyboard.type('default');
    await page.keyboard.press('Enter');
    await page.waitForURL(/verb=list/);
    expect(new URL(page.url()).searchParams.get('as')).toBe(MYAPP1);
    expect(new URL(page.url()).searchParams.get('namespace')).toBe('default');
    await expect(page.getByTestId('verdict')).toHaveText(/^Yes, /);

    await page.getByLabel('Verb').fill('delete');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.waitForURL(/verb=delete/);
    await expect(page.getByTestId('verdict')).toHaveText(/^No, /);

    await page.goBack();
    await page.waitForURL(/verb=list/);
    await expect(page.getByTestId('verdict')).toHaveText(/^Yes, /);
    await expect(page.getByLabel('Verb')).toHaveValue('list');
    await page.goForward();
    await page.waitForURL(/verb=delete/);
    await expect(page.getByTestId('verdict')).toHaveText(/^No, /);
    await expect(page.getByLabel('Verb')).toHaveValue('delete');
    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/check' && url.search === '');
    await expect(page.getByTestId('examples')).toBeVisible();
    await expect(page.getByLabel('Verb')).toHaveValue('');
    expect(errors).toEqual([]);
  });

  test('focus: a field shows its own border and ring, a button the focus outline', async ({
    page,
  }) => {
    await page.goto(`${app.url}/check`);
    await expect(page.getByTestId('examples')).toBeVisible();
    const verb = page.getByLabel('Verb');
    // Under load the field was once found without focus after focus() (3 of 30 runs of this
    // file in a row); focusing again until it holds keeps that out of what is tested here.
    await expect(async () => {
      await verb.focus();
      await expect(verb).toBeFocused({ timeout: 500 });
    }).toPass();
    // The field's focus style is its indigo border and soft ring, not the global outline.
    await expect(verb).toHaveCSS('outline-style', 'none');
    await expect(verb).toHaveCSS('box-shadow', /0px 0px 0px 2px/);
    // No pointer has been used: a button focused now shows the keyboard's focus outline.
    const check = page.getByRole('button', { name: 'Check' });
    await expect(async () => {
      await check.focus();
      await expect(check).toBeFocused({ timeout: 500 });
    }).toPass();
    await expect(check).toHaveCSS('outline-style', 'solid');
    await expect(check).toHaveCSS('outline-width', '2px');
  });

  test('picking a group asks as the group alone', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/check`);
    await page.getByRole('combobox', { name: /Who/ }).fill('serviceaccounts:team-a');
    await page.getByRole('option', { name: /system:serviceaccounts:team-a/ }).click();
    await expect(page.getByRole('combobox', { name: /Who/ })).toHaveValue('');
    await expect(page.getByLabel(/^Groups/)).toHaveValue('system:serviceaccounts:team-a');
    await page.getByLabel('Verb').fill('list');
    await page.getByLabel('Resource', { exact: true }).fill('services');
    await page.getByLabel('Namespace', { exact: true }).fill('team-a');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByTestId('verdict')).toHaveText(
      'Yes, the group system:serviceaccounts:team-a can list services in namespace team-a.',
    );
    await expect(page.getByTestId('grant-paths')).toContainText('team-a/team-a-view');
    expect(new URL(page.url()).searchParams.getAll('group')).toEqual([
      'system:serviceaccounts:team-a',
    ]);
    expect(errors).toEqual([]);
  });

  test('bad input: a clear message on the page and a 400 with a JSON error from the API', async ({
    page,
    request,
  }) => {
    const errors = watchErrors(page);
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=&resource=pods`));
    await expect(page.getByTestId('question-error')).toContainText('a verb is required');
    await expect(page.getByTestId('verdict')).toHaveCount(0);
    // The form still shows what was typed, to be corrected.
    await expect(page.getByRole('combobox', { name: /Who/ })).toHaveValue(MYAPP1);

    await page.goto(app.url + ask('as=system:serviceaccount:default&verb=get&resource=pods'));
    await expect(page.getByTestId('question-error')).toContainText(
      'is not a ServiceAccount user name',
    );

    for (const [search, message] of [
      ['verb=', /who is asking/],
      [`as=${MYAPP1}&verb=`, /a verb is required/],
      [`as=${MYAPP1}&verb=get`, /a resource/],
      [`as=${MYAPP1}&verb=get&resource=pods&namespace=Not_A_Namespace`, /not a namespace name/],
      [`as=${MYAPP1}&verb=get&verb=list&resource=pods`, /given more than once/],
    ] as const) {
      const res = await request.get(`${app.url}/api/check?${search}`);
      expect(res.status(), search).toBe(400);
      expect(res.headers()['content-type']).toContain('application/json');
      const body = await res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatch(message);
    }
    expect(errors).toEqual([]);
  });

  test('GET /api/check answers what the page shows', async ({ request }) => {
    const res = await request.get(
      `${app.url}/api/check?as=${MYAPP1}&verb=list&resource=pods&namespace=default`,
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      request: { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
      identity: {
        user: MYAPP1,
        groups: [
          'system:serviceaccounts',
          'system:serviceaccounts:default',
          'system:authenticated',
        ],
      },
      allowed: true,
      nearMisses: [],
      reason:
        'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"',
      kubectl: { command: `kubectl auth can-i list pods --as=${MYAPP1} -n default` },
      curl: { command: CURL, method: 'GET', path: '/api/v1/namespaces/default/pods' },
    });
    expect(body.paths).toHaveLength(1);
    expect(body.paths[0].role).toEqual({ kind: 'Role', name: 'pod-reader', namespace: 'default' });
    // No cluster is connected: there is no API server verdict.
    expect(body.apiServer).toBeUndefined();
  });
});

test.describe('Check, on the state before the binding (a file snapshot)', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({
      RBAC_SOURCE: `file:${fixturePath('dumps', 'before-binding.yaml')}`,
    });
  });
  test.afterAll(() => app.stop());

  test('can myapp1 list pods in default? No, and the binding in dev is the near miss', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=list&resource=pods&namespace=default`));
    await expect(page.getByTestId('verdict')).toHaveText(
      `No, ${MYAPP1} cannot list pods in namespace default.`,
    );
    const misses = page.getByTestId('near-misses');
    await expect(misses).toContainText(
      'RoleBinding read-pods in namespace dev would allow this in dev, not in default (a RoleBinding grants only in its own namespace).',
    );
    await expect(misses.getByRole('link', { name: 'dev/read-pods' })).toHaveAttribute(
      'href',
      '/graph?focus=binding%3ARoleBinding%3Adev%3Aread-pods',
    );
    await expect(page.getByTestId('kubectl')).toHaveText(
      `kubectl auth can-i list pods --as=${MYAPP1} -n default`,
    );
    // In dev, the same question is a yes.
    await page.goto(app.url + ask(`as=${MYAPP1}&verb=list&resource=pods&namespace=dev`));
    await expect(page.getByTestId('verdict')).toHaveText(/^Yes, /);
    expect(errors).toEqual([]);
  });
});
