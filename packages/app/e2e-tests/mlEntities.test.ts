import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signInAs } from './signIn';
import {
  tablesWiderThanTheirCard,
  tabsOutOfView,
  textLayoutFaults,
} from './layout';

test.beforeEach(async ({ page }) => signInAs(page));

test('the catalog index filters by the ML kinds', async ({ page }) => {
  await page.goto('/?filters[kind]=mlmodel');
  await expect(page.getByRole('link', { name: 'Churn GBM' })).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/catalog-mlmodels.png',
    fullPage: true,
  });
});

test('an MLModel page shows its model card, metrics and relations', async ({
  page,
}) => {
  await page.goto('/catalog/default/mlmodel/churn-gbm');

  const modelCard = page.getByTestId('mlops-model-card-card');
  await expect(modelCard.getByText('Intended use')).toBeVisible();
  await expect(
    modelCard.getByText(/Rank postpaid consumer subscribers/),
  ).toBeVisible();

  // Each metric with the dataset it was measured on, its value, and the
  // acceptance criterion with the outcome.
  const recall = page
    .getByTestId('mlops-metrics-card')
    .getByRole('row')
    .filter({ has: page.getByText('recall', { exact: true }) });
  await expect(recall).toContainText('holdout-2026-q3');
  await expect(recall.getByRole('cell', { name: '0.76' })).toBeVisible();
  await expect(recall).toContainText('recall >= 0.7');
  await expect(recall).toContainText('Passed');

  const lineage = page.getByTestId('mlops-lineage-card');
  await expect(
    lineage.getByRole('link', { name: /churn-prevention|Churn prevention/i }),
  ).toBeVisible();
  await expect(
    lineage.getByRole('link', { name: /subscriber-events|Subscriber events/i }),
  ).toBeVisible();
  await expect(
    lineage.getByRole('link', {
      name: /churn-scoring-service|Churn scoring service/i,
    }),
  ).toBeVisible();
  await expect(
    lineage.getByRole('link', { name: /churn-gbm-input-drift|input drift/i }),
  ).toBeVisible();
  // The catalog graph draws the MLightenment relations too.
  await expect(page.getByText(/implementsUseCase/).first()).toBeVisible();
  await expect(
    page.getByText(/modelMonitoredBy|monitorsModel/).first(),
  ).toBeVisible();
  await expect(page.getByText(/TypeError|Error \d+ of \d+/)).toHaveCount(0);
  await expectAccessible(page, page.url());
  await page.screenshot({
    path: 'e2e-screenshots/mlmodel-churn-gbm.png',
    fullPage: true,
  });
});

test('an MLUseCase page shows its acceptance criteria evaluated against its models', async ({
  page,
}) => {
  await page.goto('/catalog/default/mlusecase/churn-prevention');

  const criteria = page.getByTestId('mlops-acceptance-criteria-card');
  // churn-gbm meets every criterion; the logistic-regression baseline fails
  // recall and auc.
  const recall = criteria.getByRole('row', { name: /^recall >= 0\.7/ });
  await expect(recall).toContainText('0.76');
  await expect(recall).toContainText('0.63');
  const overall = criteria.getByRole('row', { name: /^Overall/ });
  await expect(overall).toHaveText(/Overall.*Passed.*Failed/);
  await expectAccessible(page, page.url());
  await page.screenshot({
    path: 'e2e-screenshots/mlusecase-churn-prevention.png',
    fullPage: true,
  });
});

test('an MLMonitor page shows its monitored features and thresholds', async ({
  page,
}) => {
  await page.goto('/catalog/default/mlmonitor/churn-gbm-input-drift');
  const features = page.getByTestId('mlops-monitored-features-card');
  await expect(
    features.getByRole('cell', { name: 'tenure_months' }),
  ).toBeVisible();
  await expect(page.getByText(/monitorsModel/).first()).toBeVisible();
  await expectAccessible(page, page.url());
  await page.screenshot({
    path: 'e2e-screenshots/mlmonitor-churn-gbm-input-drift.png',
    fullPage: true,
  });
});

// What a DOM assertion cannot see: how the cards lay out text in a real
// browser, at a laptop's and a desktop's width. The info-column cards keep
// labels whole and lists unbroken; the main column's tables wrap at word
// boundaries and fit their cards; every tab of the tab bar is in view.
for (const width of [1024, 1440]) {
  test(`the cards, tables and tabs of the ML entity pages read well at ${width}px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const pages = [
      {
        path: '/catalog/default/mlusecase/churn-prevention',
        cards: [],
        tables: [
          'mlops-business-drivers-card',
          'mlops-acceptance-criteria-card',
        ],
      },
      {
        path: '/catalog/default/mlmodel/churn-gbm',
        cards: ['mlops-model-details-card', 'mlops-lineage-card'],
        tables: ['mlops-metrics-card', 'mlops-fairness-card'],
      },
      {
        path: '/catalog/default/mlmonitor/churn-gbm-input-drift',
        cards: ['mlops-monitor-card'],
        tables: ['mlops-monitored-features-card'],
      },
    ];
    for (const { path, cards, tables } of pages) {
      await page.goto(path);
      for (const testId of cards) {
        const card = page.getByTestId(testId);
        await expect(card.locator('dt').first()).toBeVisible();
        expect(await textLayoutFaults(card.locator('dt'), 'words')).toEqual([]);
        expect(
          await textLayoutFaults(card.locator('dd'), 'separators'),
        ).toEqual([]);
        await card.screenshot({
          path: `e2e-screenshots/${testId}-${width}.png`,
        });
      }
      for (const testId of tables) {
        const card = page.getByTestId(testId);
        await expect(card.getByRole('row').nth(1)).toBeVisible();
        expect(await textLayoutFaults(card.getByRole('cell'), 'words')).toEqual(
          [],
        );
        expect(await tablesWiderThanTheirCard(card)).toEqual([]);
        await card.screenshot({
          path: `e2e-screenshots/${testId}-${width}.png`,
        });
      }
      expect(await tabsOutOfView(page)).toEqual([]);
    }
    // Durations read as people say them, with the ISO value on hover.
    await expect(
      page.getByTestId('mlops-monitor-card').getByText('daily'),
    ).toHaveAttribute('title', 'P1D');
  });
}
