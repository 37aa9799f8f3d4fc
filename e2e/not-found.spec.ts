import { expect, test } from './fixtures';

test('deep link to a deleted recording', async ({ page, seed, emulator }) => {
  const row = await seed({ name: 'Gone soon' });
  emulator.emulator.context.store.remove(row.id);

  await page.goto(`/recordings/${row.id}`);

  await expect(page.getByRole('heading', { level: 1, name: 'Recording not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the recordings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recordings' })).toBeVisible();
});

test('unknown address shows not found', async ({ page }) => {
  await page.goto('/no/such/page');

  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});
