import { expect, test } from './fixtures';

test('pages and page size follow the URL', async ({ page, seed }) => {
  await seed.many(25);
  await page.goto('/?page=1&pageSize=10');

  const rows = page.getByRole('region', { name: /^Recordings, page/ }).getByRole('row');
  await expect(page.getByText('Page 1 of 3', { exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: 'Recording 1' }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\?page=2&pageSize=10$/);
  await expect(page.getByText('Page 2 of 3', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Recording 11', exact: true })).toBeVisible();

  await page.getByLabel('Rows per page').selectOption('25');
  await expect(page).toHaveURL(/\?page=1&pageSize=25$/);
  await expect(page.getByText('Page 1 of 1', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Recording \d+$/ })).toHaveCount(25);

  await page.goBack();
  await expect(page).toHaveURL(/\?page=2&pageSize=10$/);
  await expect(page.getByRole('link', { name: 'Recording 11', exact: true })).toBeVisible();
});

test('reload keeps page 3', async ({ page, seed }) => {
  await seed.many(25);
  await page.goto('/?page=3&pageSize=10');
  await expect(page.getByText('Page 3 of 3', { exact: true })).toBeVisible();

  await page.reload();

  await expect(page.getByText('Page 3 of 3', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Recording \d+$/ })).toHaveCount(5);
  await expect(page.getByRole('link', { name: 'Recording 21', exact: true })).toBeVisible();
});

test('error state shows status and correlation id', async ({ page, startEmulatorWith }) => {
  const failing = await startEmulatorWith({ switches: { errorRate: 1 } });

  await page.goto(`${failing.apiUrl}/`);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The recordings could not be loaded');
  await expect(alert).toContainText(/Status\s*50[03]/);
  await expect(alert).toContainText(/Correlation id\s*[0-9a-f-]{36}/);
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});
