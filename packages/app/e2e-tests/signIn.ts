import { expect, Page } from '@playwright/test';

/**
 * Signs in to the demo portal as a user of the demo catalog, by the display
 * name on the sign-in page ('Maria Silva'), or as a guest. Each Playwright
 * test starts in a fresh browser context, so it starts signed out.
 */
export async function signInAs(page: Page, who: string | 'guest' = 'guest') {
  await page.goto('/');
  const choice =
    who === 'guest'
      ? page.getByRole('button', { name: 'Enter as guest' })
      : page.getByRole('button', { name: `Sign in as ${who}`, exact: true });
  await expect(choice).toBeVisible();
  await choice.click();
  await expect(
    page.getByRole('heading', { name: 'Northwind Catalog' }),
  ).toBeVisible();
}
