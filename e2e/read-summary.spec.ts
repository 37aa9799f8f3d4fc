import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

/** Returns the number shown under a label in the read and unread figures. */
function figure(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'Read and unread' })
    .locator(`dt:text-is("${label}") + dd`);
}

test('mark read changes the summary', async ({ page, seed }) => {
  const row = await seed({ name: 'Unheard message', read: false });
  await seed({ name: 'Heard message', read: true });

  await page.goto('/summary');
  await expect(figure(page, 'Unread')).toHaveText('1');
  await expect(figure(page, 'Read')).toHaveText('1');

  await page.goto(`/recordings/${row.id}`);
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.getByRole('button', { name: 'Mark as unread' })).toBeVisible();

  await page.getByRole('link', { name: 'Summary' }).click();
  await expect(figure(page, 'Unread')).toHaveText('0');
  await expect(figure(page, 'Read')).toHaveText('2');
  await expect(figure(page, 'Total')).toHaveText('2');
});
