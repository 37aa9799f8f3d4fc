import AxeBuilder from '@axe-core/playwright';

import { expect, test } from './fixtures';

// These tests never save Genesys Cloud settings: saving them would redirect the
// browser to a Genesys login host, and the suite sends nothing off loopback.

function summarize(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations.map((violation) => ({
    rule: violation.id,
    elements: violation.nodes.map((node) => node.html),
  }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`settings page passes axe, ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect(summarize(await new AxeBuilder({ page }).analyze())).toEqual([]);

    await page.getByRole('radio', { name: 'Genesys Cloud' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Enter the OAuth client id.')).toBeVisible();
    expect(summarize(await new AxeBuilder({ page }).analyze())).toEqual([]);
  });
}

test('settings work from the keyboard', async ({ page, baseURL }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const emulator = page.getByRole('radio', { name: 'This server (local emulator)' });
  await expect(emulator).toBeChecked();

  await emulator.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Genesys Cloud' })).toBeChecked();
  await expect(page.getByText(`${baseURL}/auth/callback`, { exact: true })).toBeVisible();

  const region = page.getByLabel('Region');
  await region.focus();
  await region.selectOption('eu_west_1');
  await expect(region).toHaveValue('eu_west_1');

  await page.keyboard.press('Tab');
  const clientId = page.getByLabel('OAuth client id');
  await expect(clientId).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(clientId).toHaveAccessibleDescription(/Enter the OAuth client id\./);
  await expect(clientId).toBeFocused();
  expect(await page.evaluate(() => localStorage.getItem('recordings.connection'))).toBeNull();

  await page.getByRole('radio', { name: 'This server (local emulator)' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Save' }).press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Recordings' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('recordings.connection'))).toBe(
    '{"kind":"emulator"}',
  );
});
