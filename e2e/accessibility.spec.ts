import AxeBuilder from '@axe-core/playwright';

import { expect, test } from './fixtures';

/** Violations as rule id and offending elements, so a failure reads at a glance. */
function summarize(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations.map((violation) => ({
    rule: violation.id,
    elements: violation.nodes.map((node) => node.html),
  }));
}

const CONVERSATION = {
  name: 'Call with Dana',
  startTime: '2025-03-04T10:00:00.000Z',
  endTime: '2025-03-04T10:05:00.000Z',
  participants: [
    { name: 'Dana Whitfield', purpose: 'customer', address: 'tel:+13175550142' },
    { name: 'Emulator User', purpose: 'user' },
  ],
};

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('axe finds no violations', async ({ page, seed }) => {
      // Four full axe runs: each took up to 16 s on a loaded 2-core machine.
      test.setTimeout(90_000);
      const row = await seed({ name: 'Read one', read: true, conversation: CONVERSATION });
      await seed({ name: 'Unread one', read: false });
      const pages = [
        { path: '/', heading: 'Recordings' },
        { path: `/recordings/${row.id}`, heading: 'Read one' },
        { path: '/summary', heading: 'Summary' },
        { path: '/recordings/missing-recording', heading: 'Recording not found' },
      ];

      for (const { path, heading } of pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false');
        const results = await new AxeBuilder({ page }).analyze();
        expect(summarize(results), `axe violations on ${path}`).toEqual([]);
      }
    });
  });
}

test('axe passes with a dialog open', async ({ page, seed }) => {
  await seed({ name: 'Dialog test' });
  await page.goto('/');
  await page.getByRole('checkbox', { name: 'Select Dialog test' }).check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();

  expect(summarize(results)).toEqual([]);
});
