import { expect, test } from './fixtures';

test('bulk delete of a page', async ({ page, seed, emulator }) => {
  await seed.many(12);
  await page.goto('/?page=1&pageSize=10');
  await expect(page.getByText('Page 1 of 2', { exact: true })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select all recordings on this page' }).check();
  await expect(page.getByText('10 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 10 recordings?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();

  await expect(page.getByText('10 recordings deleted.')).toBeVisible();
  await expect(page.getByText('Page 1 of 1', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Recording \d+$/ })).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Recording 11', exact: true })).toBeVisible();
  expect(emulator.emulator.context.store.count()).toBe(2);
});
