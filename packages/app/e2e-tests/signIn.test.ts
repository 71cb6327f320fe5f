import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('a person of the demo organisation signs in as themselves, and signing out lets someone else sign in', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Maria Silva');
  await page.goto('/settings');
  await expect(page.getByText('Maria Silva').first()).toBeVisible();
  await expect(
    page.getByText('maria.silva@northwind-telecom.example.com').first(),
  ).toBeVisible();

  // A reload keeps the session: the chooser is not shown again.
  await page.reload();
  await expect(page.getByText('Maria Silva').first()).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Enter as guest' }),
  ).toHaveCount(0);

  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await signInAs(page, 'Lukas Becker');
  await page.goto('/settings');
  await expect(page.getByText('Lukas Becker').first()).toBeVisible();
});
