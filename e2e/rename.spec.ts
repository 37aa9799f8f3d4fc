import { expect, test } from './fixtures';

test('rename shows in the list', async ({ page, seed }) => {
  const row = await seed({ name: 'Old name' });
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Recording name' }).fill('Quarterly review');
  await page.getByRole('textbox', { name: 'Recording name' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Quarterly review' })).toBeVisible();

  await page.getByRole('link', { name: 'Back to the recordings' }).click();
  await expect(page.getByRole('link', { name: 'Quarterly review' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Old name' })).toHaveCount(0);
});

test('rejected rename rolls back', async ({ page, seed }) => {
  const row = await seed({ name: 'Kept name' });
  // The emulator accepts every valid name, so this test rejects one PUT itself
  // with a 409 ErrorBody shaped as Genesys sends it.
  await page.route(`**/api/v2/userrecordings/${row.id}*`, async (route) => {
    if (route.request().method() !== 'PUT') {
      await route.fallback();
      return;
    }
    await route.fulfill({
      status: 409,
      contentType: 'application/json',
      headers: { 'inin-correlation-id': 'e2e-conflict' },
      body: JSON.stringify({
        status: 409,
        code: 'request.conflict',
        message: 'The recording was changed by someone else.',
        contextId: 'e2e-conflict',
      }),
    });
  });
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Recording name' }).fill('Rejected name');
  await page.getByRole('textbox', { name: 'Recording name' }).press('Enter');

  await expect(page.getByRole('alert')).toContainText('The name was not changed');
  await expect(page.getByRole('alert')).toContainText('changed by someone else');
  await expect(page.getByRole('heading', { level: 1, name: 'Kept name' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the recordings' }).click();
  await expect(page.getByRole('link', { name: 'Kept name' })).toBeVisible();
});

test('empty and overlong names are rejected', async ({ page, seed }) => {
  const row = await seed({ name: 'Valid name' });
  const puts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') {
      puts.push(request.url());
    }
  });
  await page.goto(`/recordings/${row.id}`);

  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Recording name' }).fill('   ');
  await page.getByRole('textbox', { name: 'Recording name' }).press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Enter a name.');

  await page.getByRole('textbox', { name: 'Recording name' }).fill('x'.repeat(256));
  await page.getByRole('textbox', { name: 'Recording name' }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('use at most 255');

  await page.getByRole('textbox', { name: 'Recording name' }).press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Valid name' })).toBeVisible();
  expect(puts).toEqual([]);
});
