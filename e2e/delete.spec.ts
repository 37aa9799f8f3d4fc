import { expect, test } from './fixtures';

test('undo keeps the recording', async ({ page, seed, emulator }) => {
  const row = await seed({ name: 'Keep me' });
  const deletes: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'DELETE') {
      deletes.push(request.url());
    }
  });
  await page.clock.install();
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Keep me' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();

  await expect(page.getByRole('link', { name: 'Keep me' })).toBeVisible();
  // Move past the undo delay to be sure no DELETE goes out late.
  await page.clock.runFor(10_000);
  await expect(page.getByRole('link', { name: 'Keep me' })).toBeVisible();
  expect(deletes).toEqual([]);
  expect(emulator.emulator.context.store.get(row.id)).toBeDefined();
});

test('delete without undo removes it', async ({ page, seed, emulator }) => {
  const row = await seed({ name: 'Remove me', read: false });
  await seed({ name: 'Stay here', read: true });
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted “Remove me”')).toBeVisible();
  // Leaving the list does not stop the pending delete.
  await page.getByRole('link', { name: 'Summary' }).click();

  await expect
    .poll(() => emulator.emulator.context.store.get(row.id), { timeout: 10_000 })
    .toBe(undefined);
  const counts = page.getByRole('region', { name: 'Read and unread' });
  await expect(counts).toContainText(/Total\s*1/);
  await expect(counts).toContainText(/Unread\s*0/);

  await page.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('link', { name: 'Stay here' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Remove me' })).toHaveCount(0);
});

test('reload during the undo delay still deletes', async ({ page, seed, emulator }) => {
  const row = await seed({ name: 'Gone on reload' });
  await seed({ name: 'Still here' });
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted “Gone on reload”')).toBeVisible();
  await page.reload();

  await expect
    .poll(() => emulator.emulator.context.store.get(row.id), { timeout: 3_000 })
    .toBe(undefined);
  // The reloaded list may have been fetched before the DELETE arrived.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Still here' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gone on reload' })).toHaveCount(0);
});
