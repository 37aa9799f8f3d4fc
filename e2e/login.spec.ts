import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { addRecording } from '../server/demo/seed.ts';
import { expect, test, type RunningEmulator } from './fixtures';

const HOUR_MS = 3600 * 1000;
const TOKEN_KEY = 'recordings.auth.token';

/** Adds `count` recordings named `Recording 1` (newest) to `Recording ${count}` to an emulator. */
async function seedRecordings(running: RunningEmulator, count: number): Promise<void> {
  const start = Date.now();
  for (let index = 1; index <= count; index += 1) {
    await addRecording(running.emulator.context, {
      name: `Recording ${index}`,
      dateCreated: new Date(start - index * HOUR_MS).toISOString(),
    });
  }
}

/** Records the URLs of every request the page sends. */
function recordRequests(page: Page): URL[] {
  const urls: URL[] = [];
  page.on('request', (request) => {
    urls.push(new URL(request.url()));
  });
  return urls;
}

function loginRequests(urls: URL[]): URL[] {
  return urls.filter((url) => url.pathname === '/oauth/authorize');
}

test('deep link logs in and returns', async ({ page, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  await seedRecordings(secured, 25);
  const requests = recordRequests(page);

  await page.goto(`${secured.apiUrl}/?page=2&pageSize=10`);

  await expect(page.getByText('Page 2 of 3', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Recording 11', exact: true })).toBeVisible();
  expect(page.url()).toBe(`${secured.apiUrl}/?page=2&pageSize=10`);

  const [authorize] = loginRequests(requests);
  expect(authorize?.searchParams.get('response_type')).toBe('code');
  expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize?.searchParams.get('redirect_uri')).toBe(`${secured.apiUrl}/auth/callback`);
  expect(loginRequests(requests)).toHaveLength(1);

  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('Local emulator');
  await expect(account).toContainText('user-recordings, user-basic-info');
  for (const url of requests) {
    expect(url.hostname).toBe('127.0.0.1');
  }
});

test('recording detail survives login', async ({ page, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  const row = await addRecording(secured.emulator.context, { name: 'Quarterly call' });

  await page.goto(`${secured.apiUrl}/recordings/${row.id}#notes`);

  await expect(page.getByRole('heading', { level: 1, name: 'Quarterly call' })).toBeVisible();
  expect(page.url()).toBe(`${secured.apiUrl}/recordings/${row.id}#notes`);
});

test('logout revokes the token', async ({ page, request, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  await seedRecordings(secured, 3);
  await page.goto(`${secured.apiUrl}/`);
  await expect(page.getByRole('link', { name: 'Recording 1', exact: true })).toBeVisible();
  const token = await page.evaluate(
    (key) =>
      (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { accessToken?: string }).accessToken,
    TOKEN_KEY,
  );
  expect(token).toBeTruthy();

  await page
    .getByRole('region', { name: 'Account' })
    .getByRole('button', { name: 'Log out' })
    .click();

  await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/auth/callback');
  expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
  const afterLogout = await request.get(`${secured.apiUrl}/api/v2/userrecordings`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(afterLogout.status()).toBe(401);

  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('link', { name: 'Recording 1', exact: true })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
});

test('revoked token leads to a new login', async ({ page, request, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  await seedRecordings(secured, 25);
  const requests = recordRequests(page);
  await page.goto(`${secured.apiUrl}/?page=1&pageSize=10`);
  await expect(page.getByText('Page 1 of 3', { exact: true })).toBeVisible();

  // Another tab logging out revokes every token of the client on the emulator.
  const clientId = loginRequests(requests)[0]?.searchParams.get('client_id') ?? '';
  const revoke = await request.get(`${secured.apiUrl}/logout`, {
    params: { client_id: clientId },
    maxRedirects: 0,
  });
  expect(revoke.status()).toBe(200);

  // The summary route's loader waits for the counts, so the 401 arrives before
  // the address bar changes. The login must still come back to the summary.
  await page.getByRole('link', { name: 'Summary' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/summary');
  expect(loginRequests(requests)).toHaveLength(2);

  await page.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('link', { name: 'Recording 25', exact: true })).toBeVisible();
  expect(loginRequests(requests)).toHaveLength(2);
});

test('expired token leads to a new login', async ({ page, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  await seedRecordings(secured, 3);
  const requests = recordRequests(page);
  await page.goto(`${secured.apiUrl}/summary`);
  await expect(page.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  const firstToken = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);

  // Move the stored expiry into the past, as if the tab had been left open for a day.
  await page.evaluate((key) => {
    const token = JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    sessionStorage.setItem(key, JSON.stringify({ ...token, expiresAt: Date.now() - 1000 }));
  }, TOKEN_KEY);
  await page.reload();

  await expect(page.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/summary');
  expect(loginRequests(requests)).toHaveLength(2);
  const secondToken = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
  expect(secondToken).not.toBe(firstToken);
});

test('rejected fresh token does not loop', async ({ page, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  const requests = recordRequests(page);
  // Every request with a bearer token gets a 401, as from a server that rejects
  // the tokens of its own login.
  await page.route(`${secured.apiUrl}/api/**`, async (route) => {
    if (route.request().headers().authorization === undefined) {
      await route.fallback();
      return;
    }
    await route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({
        status: 401,
        code: 'bad.credentials',
        message: 'Invalid login credentials.',
      }),
    });
  });

  await page.goto(`${secured.apiUrl}/`);

  await expect(page.getByRole('alert')).toContainText('Invalid login credentials.');
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account.getByRole('button', { name: 'Log in again' })).toBeVisible();
  expect(loginRequests(requests)).toHaveLength(1);
});

test('token endpoint allows another loopback origin', async ({
  page,
  request,
  startEmulatorWith,
}) => {
  // In Genesys mode the token request goes from the app's origin to the login
  // host. Here one emulator serves the app and another is the login host.
  const app = await startEmulatorWith({});
  const login = await startEmulatorWith({ requireAuth: true });
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const redirectUri = `${app.apiUrl}/auth/callback`;
  const authorize = await request.get(`${login.apiUrl}/oauth/authorize`, {
    params: {
      client_id: 'cross-origin-test',
      redirect_uri: redirectUri,
      response_type: 'code',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'cross-origin',
    },
    maxRedirects: 0,
  });
  const code = new URL(authorize.headers().location ?? '').searchParams.get('code');
  expect(code).toBeTruthy();

  await page.goto(`${app.apiUrl}/settings`);
  const answer = await page.evaluate(
    async ({ tokenUrl, form }) => {
      const response = await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    {
      tokenUrl: `${login.apiUrl}/oauth/token`,
      form: {
        grant_type: 'authorization_code',
        code: code ?? '',
        code_verifier: verifier,
        client_id: 'cross-origin-test',
        redirect_uri: redirectUri,
      },
    },
  );

  expect(answer.status).toBe(200);
  expect(typeof answer.body.access_token).toBe('string');
  expect(answer.body.token_type).toBe('bearer');
});

test('account, signed-out and failure pages pass axe', async ({ page, startEmulatorWith }) => {
  const secured = await startEmulatorWith({ requireAuth: true });
  await page.goto(`${secured.apiUrl}/summary`);
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('Local emulator');
  await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false');
  const signedIn = await new AxeBuilder({ page }).analyze();
  expect(signedIn.violations.map((violation) => violation.id)).toEqual([]);

  await account.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
  const signedOut = await new AxeBuilder({ page }).analyze();
  expect(signedOut.violations.map((violation) => violation.id)).toEqual([]);

  await page.goto(`${secured.apiUrl}/auth/callback?code=stolen&state=forged`);
  await expect(page.getByRole('heading', { level: 1, name: 'Login failed' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('No login was started in this tab');
  const failed = await new AxeBuilder({ page }).analyze();
  expect(failed.violations.map((violation) => violation.id)).toEqual([]);
});
