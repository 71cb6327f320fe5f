import { expect, Page, test } from '@playwright/test';

// The demo pipeline beside the portal has every demo entity evaluated as soon
// as the catalog holds it; the backend's schedule (mlops.maturity.schedule in
// app-config.yaml) is the fallback, three minutes after start.
const EVALUATED = { timeout: 200_000 };

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: 'Northwind Catalog' }),
  ).toBeVisible();
}

test.beforeEach(async ({ page }) => signIn(page));

test('a team lead opens the team page, reads the leaderboard, and opens a model to see what its next level needs', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/catalog/default/group/data-and-ai/mlops-maturity');
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('mlops-team-leaderboard').getByRole('row'),
    ).not.toHaveCount(1, { timeout: 5_000 });
  }).toPass(EVALUATED);

  // Every team below Data & AI is rolled up: the reference churn model is at
  // the top, the deprecated baseline near the bottom.
  const leaderboard = page.getByTestId('mlops-team-leaderboard');
  const churnGbm = leaderboard.getByRole('row', {
    name: /Churn GBM\b.*MLModel/,
  });
  await expect(churnGbm).toContainText('Level 4');
  await expect(churnGbm).toBeVisible();
  const baseline = leaderboard.getByRole('row', {
    name: /Churn logistic regression/,
  });
  await expect(baseline).toContainText('Level 1');

  // The model whose evaluation suite failed in CI shows as a drop.
  const drops = page.getByTestId('mlops-team-biggest-drops');
  await expect(drops.getByText('Store demand LightGBM')).toBeVisible();

  await page.screenshot({
    path: 'e2e-screenshots/team-maturity-data-and-ai.png',
    fullPage: true,
  });

  await baseline
    .getByRole('link', { name: /Churn logistic regression/ })
    .click();
  await page.getByRole('link', { name: 'MLOps maturity', exact: true }).click();

  const summary = page.getByTestId('mlops-maturity-summary');
  await expect(summary.getByText(/Level 1 · Repeatable/)).toBeVisible(
    EVALUATED,
  );
  const next = page.getByTestId('mlops-next-level');
  await expect(next.getByText(/What's needed for level 2/)).toBeVisible();
  await expect(next.getByText('Acceptance criteria met')).toBeVisible();
  await expect(next.getByText(/recall 0\.63 \(needs >= 0\.7\)/)).toBeVisible();
  await expect(next.getByText(/How to fix/).first()).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/model-maturity-churn-logreg-baseline.png',
    fullPage: true,
  });
});

test('the organisation page shows maturity across teams', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/mlops');
  const teams = page.getByTestId('mlops-org-teams');
  await expect(async () => {
    await page.reload();
    await expect(
      teams.getByRole('row', { name: /Retention Analytics/ }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass(EVALUATED);
  await expect(
    teams.getByRole('row', { name: /Retention Analytics/ }),
  ).toContainText('Level 4');
  await expect(
    teams.getByRole('row', { name: /Customer Analytics/ }),
  ).toContainText('Level 1');
  await page.screenshot({
    path: 'e2e-screenshots/mlops-organisation.png',
    fullPage: true,
  });
});
