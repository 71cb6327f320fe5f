import { expect, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signInAs } from './signIn';

// Every page, tab and card the suite adds, as the sponsor of churn prevention
// sees them (Maria Silva may sign off its gates and check in its KPIs, so
// the sign-off panel and the check-in form are there to be scanned).
const MODEL = '/catalog/default/mlmodel/churn-gbm';
const USE_CASE = '/catalog/default/mlusecase/churn-prevention';
const MONITOR = '/catalog/default/mlmonitor/churn-gbm-input-drift';
const STAGES = ['strategy', 'prototyping', 'operationalisation'];

/**
 * A state of a page that only shows after the user acts (a form's errors,
 * a list folded until asked for), scanned again once reached.
 */
type State = { name: string; reach(page: Page): Promise<void> };

type Scanned = {
  path: string;
  ready: string[];
  pageIsOurs?: boolean;
  states?: State[];
};

/** The first evidence list of a diagnostic, unfolded. */
const EVIDENCE_OPEN: State = {
  name: 'evidence shown',
  async reach(page) {
    const show = page
      .getByTestId('mlops-diagnostic')
      .getByRole('button', { name: /^Show .*the evidence of/ })
      .first();
    // Named "Hide …" once open: found again by the list it controls.
    const list = await show.getAttribute('aria-controls');
    await show.click();
    await expect(
      page.locator(`button[aria-controls="${list}"]`),
    ).toHaveAttribute('aria-expanded', 'true');
  },
};

const PAGES: Scanned[] = [
  {
    path: '/mlops',
    ready: [
      'mlops-org-teams',
      'mlops-gate-funnel',
      'mlops-org-value',
      'mlops-diagnostic-q7',
      'mlops-diagnostic-delivery',
      'mlops-rejected-entity',
    ],
    pageIsOurs: true,
    states: [EVIDENCE_OPEN],
  },
  {
    path: MODEL,
    ready: [
      'mlops-model-details-card',
      'mlops-maturity-card',
      'mlops-drift-health-card',
      'mlops-value-card',
    ],
  },
  { path: `${MODEL}/ml`, ready: ['mlops-model-card-card'] },
  { path: `${MODEL}/maturity`, ready: ['mlops-maturity-summary'] },
  ...STAGES.map(stage => ({
    path: `${MODEL}/gate-${stage}`,
    ready: [`mlops-gate-${stage}`, 'mlops-gate-sign-off-panel'],
  })),
  {
    path: USE_CASE,
    ready: ['mlops-use-case-card', 'mlops-use-case-drift-card'],
  },
  { path: `${USE_CASE}/ml`, ready: ['mlops-acceptance-criteria-card'] },
  { path: `${USE_CASE}/maturity`, ready: ['mlops-maturity-summary'] },
  {
    path: `${USE_CASE}/value`,
    ready: ['mlops-value-content', 'mlops-value-check-in'],
    states: [
      {
        // Nothing is recorded: the form refuses before sending.
        name: 'check-in refused with its errors',
        async reach(page) {
          const form = page.getByRole('form', { name: 'Check in an actual' });
          await form
            .getByRole('textbox', { name: 'Evidence link (optional)' })
            .fill('the weekly report');
          await form.getByRole('button', { name: 'Record actual' }).click();
          await expect(
            form.getByText('Enter the value as a number.'),
          ).toBeVisible();
          await expect(
            form.getByText(
              'The evidence link must be an http or https address.',
            ),
          ).toBeVisible();
        },
      },
    ],
  },
  ...STAGES.map(stage => ({
    path: `${USE_CASE}/gate-${stage}`,
    ready: [`mlops-gate-${stage}`, 'mlops-gate-sign-off-panel'],
  })),
  // Attested criteria: the gate whose criterion the owner's team attested
  // (the demo's gate history), with its "Attest again" button.
  {
    path: '/catalog/default/mlusecase/next-best-offer/gate-strategy',
    ready: ['mlops-gate-strategy', 'mlops-gate-criteria'],
  },
  { path: MONITOR, ready: ['mlops-monitor-card', 'mlops-drift-health-card'] },
  { path: `${MONITOR}/ml`, ready: ['mlops-monitored-features-card'] },
  {
    path: `${MONITOR}/drift`,
    ready: ['mlops-drift-health-card', 'mlops-alert-deliveries'],
  },
  { path: `${MONITOR}/maturity`, ready: ['mlops-maturity-summary'] },
  {
    path: '/catalog/default/group/data-and-ai/mlops-maturity',
    ready: ['mlops-team-summary'],
  },
  {
    path: '/catalog/default/group/retention-analytics/mlops-diagnostic',
    ready: [
      'mlops-diagnostic',
      'mlops-diagnostic-q7',
      'mlops-diagnostic-delivery',
    ],
    states: [EVIDENCE_OPEN],
  },
  // The Group page of the team whose demo model the catalog rejects.
  {
    path: '/catalog/default/group/customer-analytics',
    ready: ['mlops-rejected-entities', 'mlops-rejected-entity'],
  },
];

/** Waits for the page's cards to be there and for nothing to be loading. */
async function openScanned(page: Page, scanned: Scanned) {
  await page.goto(scanned.path);
  for (const testId of scanned.ready) {
    await expect(page.getByTestId(testId).first()).toBeVisible();
  }
  // A loading bar has no value; a KPI's progress to target has one.
  await expect(
    page.locator('[role="progressbar"]:not([aria-valuenow])'),
  ).toHaveCount(0);
}

for (const width of [1440, 1024]) {
  test(`no serious axe-core violation on the suite's pages, tabs and cards at ${width} px`, async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, 'Maria Silva');
    for (const scanned of PAGES) {
      await openScanned(page, scanned);
      await expectAccessible(page, scanned.path, {
        pageIsOurs: scanned.pageIsOurs,
      });
      if (scanned.pageIsOurs) {
        // Laid out in Backstage's page: one main landmark, nothing wider
        // than it (a page wider than the window scrolls sideways at zoom).
        const main = page.getByRole('main');
        await expect(main).toHaveCount(1);
        expect(
          await main.evaluate(m => m.scrollWidth - m.clientWidth),
        ).toBeLessThanOrEqual(0);
      }
      for (const state of scanned.states ?? []) {
        await state.reach(page);
        await expectAccessible(page, `${scanned.path} (${state.name})`, {
          pageIsOurs: scanned.pageIsOurs,
        });
      }
    }
  });
}
