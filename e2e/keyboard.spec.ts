import type { Locator, Page } from '@playwright/test';

import { expect, test } from './fixtures';

/** Presses Tab until `target` has focus, at most `maxPresses` times. */
async function tabTo(page: Page, target: Locator, maxPresses: number): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
}

test('keyboard journey: open, rename, delete', async ({ page, seed, emulator }) => {
  const row = await seed({ name: 'Keyboard recording' });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Keyboard recording' })).toBeVisible();

  // Tab from the top of the page to the recording's link.
  const link = page.getByRole('link', { name: 'Keyboard recording' });
  await tabTo(page, link, 30);
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/recordings/${row.id}$`));

  const rename = page.getByRole('button', { name: 'Rename' });
  await tabTo(page, rename, 10);
  await expect(rename).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Recording name' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Typed by keyboard');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Typed by keyboard' })).toBeVisible();

  const deleteButton = page.getByRole('button', { name: 'Delete' });
  await tabTo(page, deleteButton, 10);
  await expect(deleteButton).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete this recording?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  // Escape closes the dialog and focus returns to the Delete button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/$/);
  await expect
    .poll(() => emulator.emulator.context.store.get(row.id), { timeout: 10_000 })
    .toBe(undefined);
});
