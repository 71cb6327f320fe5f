// The end-to-end tests run in Node beside the browser, not in the app.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { textLayoutFaults } from './layout';
import { signInAs } from './signIn';

// The demo registers examples/registration-mistakes.yaml (app-config.yaml):
// a model of Customer Analytics with a misspelt field and a monitor of ML
// Platform with two wrong fields, which the catalog rejects.
const FILE = 'examples/registration-mistakes.yaml';
const text = readFileSync(`${__dirname}/../../../${FILE}`, 'utf8').split('\n');
/** The 1-based line of the file that holds `what`. */
const lineOf = (what: string) => text.findIndex(l => l.includes(what)) + 1;

test('a team’s Group page shows its rejected model, with the field, the message, the file and the lines', async ({
  page,
}) => {
  await signInAs(page, 'Priya Nair');
  await page.goto('/catalog/default/group/customer-analytics');

  const card = page.getByTestId('mlops-rejected-entities');
  const model = card.getByTestId('mlops-rejected-entity');
  await expect(
    model.getByRole('heading', { name: 'Upsell propensity (draft)' }),
  ).toBeVisible();
  await expect(model).toHaveCount(1);
  await expect(model).toContainText(
    'MLModel upsell-propensity-draft · Not in the catalog',
  );
  await expect(model).toContainText(
    new RegExp(
      `In /.*/${FILE.replace(/\./g, '\\.')}, line ${lineOf(
        'apiVersion: mlightenment.io/v1alpha1',
      )}`,
    ),
  );
  await expect(model.getByRole('listitem')).toHaveText(
    new RegExp(
      `^spec\\.metrcs is not a known field; did you mean "metrics"\\? .* \\(line ${lineOf(
        'metrcs:',
      )}\\)$`,
    ),
  );
  // Another team's monitor is not on this page.
  await expect(card).not.toContainText('upsell-propensity-drift');
  await expectAccessible(page, 'the Group page with rejected entities');
  await page.screenshot({
    path: 'e2e-screenshots/rejected-group-customer-analytics.png',
    fullPage: true,
  });
});

test('a Group page without rejected entities says none is', async ({
  page,
}) => {
  await signInAs(page, 'Maria Silva');
  await page.goto('/catalog/default/group/retention-analytics');

  await expect(page.getByTestId('mlops-rejected-entities')).toContainText(
    'None is rejected: the catalog accepted the YAML of every ML use case, model and monitor this group owns.',
  );
});

test('the /mlops page lists every rejected ML entity with its owner', async ({
  page,
}) => {
  await signInAs(page);
  await page.goto('/mlops');

  const section = page.getByTestId('mlops-org-rejected-entities');
  const entities = section.getByTestId('mlops-rejected-entity');
  await expect(entities).toHaveCount(2);
  await expect(entities.nth(0)).toContainText('Owner: Customer Analytics');
  await expect(entities.nth(1)).toContainText('Owner: ML Platform');
  await expect(entities.nth(1)).toContainText(
    `spec.model is not a valid entity reference`,
  );
  await expect(entities.nth(1)).toContainText(
    `(line ${lineOf("model: 'mlmodel:'")})`,
  );
});

for (const width of [1024, 1440]) {
  test(`the rejected entities read well at ${width} px`, async ({ page }) => {
    await signInAs(page, 'Priya Nair');
    await page.setViewportSize({ width, height: 900 });
    for (const [path, testId] of [
      ['/catalog/default/group/customer-analytics', 'mlops-rejected-entities'],
      ['/mlops', 'mlops-org-rejected-entities'],
    ]) {
      await page.goto(path);
      const card = page.getByTestId(testId);
      await expect(
        card.getByTestId('mlops-rejected-entity').first(),
      ).toBeVisible();
      expect(
        await textLayoutFaults(
          card.getByTestId('mlops-rejected-entity'),
          'words',
        ),
      ).toEqual([]);
      const [box, content] = await Promise.all([
        card.boundingBox(),
        card.locator('ul').first().boundingBox(),
      ]);
      expect(content!.x + content!.width).toBeLessThanOrEqual(
        box!.x + box!.width,
      );
      await card.screenshot({
        path: `e2e-screenshots/${testId}-${width}.png`,
      });
    }
  });
}
