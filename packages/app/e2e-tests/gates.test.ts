import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { tabTo } from './keyboard';
import { signInAs } from './signIn';

// Stage 1 of "Next best offer for the save desk": scripts/demo-gates.mjs
// leaves it ready for review with nobody signed. Its sponsor is Maria Silva;
// Retention Analytics owns it. Elif Yılmaz (Forecasting) is neither, nor in
// a sign-off group, so the demo's policy lets her read the gate but not
// decide it.
const BACKEND = 'http://localhost:7007';
const GATE_TAB = '/catalog/default/mlusecase/next-best-offer/gate-strategy';
const HEADING = 'Stage 1: AI strategy, use case & operating model';
const STAGE_TABS = [
  'Stage 1 · Strategy',
  'Stage 2 · Prototyping',
  'Stage 3 · Operationalisation',
];

type Gate = {
  state: string;
  revision: number;
  criteria: { id: string; source: string; met: boolean }[];
  signOff: { id: string; decision?: { decision: string; by: string } }[];
  decisions: { by: string; comment: string }[];
};

async function tokenOf(user: string): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.ok).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

async function gatesApi(user: string, path: string, body?: object) {
  const response = await fetch(`${BACKEND}/api/mlops/gates/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${await tokenOf(user)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function strategyGate(user = 'maria-silva'): Promise<Gate> {
  const { status, body } = await gatesApi(
    user,
    'mlusecase/default/next-best-offer',
  );
  expect(status).toBe(200);
  return body.stages.find((s: { stage: string }) => s.stage === 'strategy');
}

/**
 * What the demo script records for this gate, in case the backend restarted
 * since (its SQLite is in memory): the owner's team attests the criterion the
 * catalog cannot know. Then, so that the sponsor's approval is the last one
 * the gate needs, the owner approves; both are skipped when already there.
 */
async function prepareGate() {
  let gate = await strategyGate('tomas-novak');
  for (const criterion of gate.criteria) {
    if (criterion.source !== 'attestation' || criterion.met) continue;
    const { status, body } = await gatesApi(
      'tomas-novak',
      'mlusecase/default/next-best-offer/strategy/attestations',
      {
        criterion: criterion.id,
        evidenceUrl: `https://wiki.northwind-telecom.example.com/next-best-offer/${criterion.id}`,
        comment: 'Requirements agreed with the save desk.',
        revision: gate.revision,
      },
    );
    expect(status).toBe(201);
    gate = body;
  }
  if (!gate.signOff.find(s => s.id === 'owner')?.decision) {
    const { status } = await gatesApi(
      'tomas-novak',
      'mlusecase/default/next-best-offer/strategy/decisions',
      {
        decision: 'approve',
        comment: 'Retention Analytics has the data and the requirements.',
        revision: gate.revision,
        role: 'owner',
      },
    );
    expect(status).toBe(201);
  }
}

function historyRows(page: Page): Locator {
  // The header row is not a decision.
  return page
    .getByTestId('mlops-gate-history')
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
}

async function openGate(page: Page) {
  await page.goto(GATE_TAB);
  await expect(
    page
      .getByTestId('mlops-gate-strategy')
      .getByRole('heading', { name: HEADING, level: 2 }),
  ).toBeVisible();
  // Every stage's tab fits beside the others, none behind the tab bar's
  // scroll arrow.
  for (const name of STAGE_TABS) {
    await expect(page.getByRole('link', { name, exact: true })).toBeInViewport({
      ratio: 1,
    });
  }
  await expectAccessible(page, GATE_TAB);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await prepareGate();
});

test('the sponsor approves a gate with a comment by keyboard alone and sees the decision and the new state', async ({
  page,
}) => {
  const before = await strategyGate();
  expect(['ready-for-review', 'approved']).toContain(before.state);

  await signInAs(page, 'Maria Silva');
  await openGate(page);

  const summary = page.getByTestId('mlops-gate-summary');
  const state = summary.locator('dd').first();
  await expect(state).toHaveText(
    before.state === 'approved' ? 'Approved' : 'Ready for review',
  );
  await expect(historyRows(page)).toHaveCount(before.decisions.length);

  const panel = page.getByTestId('mlops-gate-sign-off-panel');
  // A run of the test leaves a unique comment, so the row it adds is known.
  const comment = `Approved for the save desk pilot (run of ${new Date().toISOString()}).`;
  // From the top of the page, with the keyboard only: Tab to the comment,
  // type it, Tab past the evidence link to Approve, press Enter.
  await tabTo(page, panel.getByRole('textbox', { name: 'Comment' }));
  await page.keyboard.type(comment);
  await page.keyboard.press('Tab');
  await expect(
    panel.getByRole('textbox', { name: 'Evidence link (optional)' }),
  ).toBeFocused();
  await page.keyboard.press('Tab');
  const approve = panel.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeFocused();
  // The focus shows as an outline, not only as Material UI's faint ripple.
  await expect(approve).toHaveCSS('outline-style', 'solid');
  await panel.screenshot({
    path: 'e2e-screenshots/gate-sign-off-keyboard-focus.png',
  });
  await page.keyboard.press('Enter');

  await expect(panel.getByRole('status')).toContainText(
    'Recorded: Approved. The gate is now approved.',
  );
  await expect(state).toHaveText('Approved');
  await expect(historyRows(page)).toHaveCount(before.decisions.length + 1);
  const newest = historyRows(page).first();
  await expect(newest).toContainText(comment);
  await expect(newest).toContainText('Maria Silva');
  await expect(newest).toContainText('for Sponsor');
  await expect(
    summary
      .getByRole('list', { name: 'Who signs off' })
      .getByRole('listitem')
      .filter({ hasText: 'Sponsor' }),
  ).toContainText('Approved');

  // The backend recorded it too, with who decided.
  const after = await strategyGate();
  expect(after.state).toBe('approved');
  expect(after.decisions[0]).toMatchObject({
    by: 'user:default/maria-silva',
    comment,
  });

  // The overview says where the use case stands now, linking to the gate.
  await page.goto('/catalog/default/mlusecase/next-best-offer');
  const stage = page.getByTestId('mlops-current-stage');
  await expect(stage).toContainText(
    'Stage 2: Rapid prototyping & model building',
  );
  await expect(stage.getByRole('link')).toHaveAttribute(
    'href',
    /\/catalog\/default\/mlusecase\/next-best-offer\/gate-prototyping$/,
  );
});

test('a user who may not sign off sees the panel disabled, and the backend records nothing', async ({
  page,
}) => {
  const before = await strategyGate('elif-yilmaz');

  await signInAs(page, 'Elif Yılmaz');
  await openGate(page);

  const panel = page.getByTestId('mlops-gate-sign-off-panel');
  await expect(panel.getByTestId('mlops-gate-cannot-decide')).toContainText(
    'You may not sign off this gate.',
  );
  for (const name of ['Approve', 'Request changes', 'Reject']) {
    await expect(panel.getByRole('button', { name })).toBeDisabled();
  }
  await expect(panel.getByRole('textbox', { name: 'Comment' })).toBeDisabled();
  await expect(historyRows(page)).toHaveCount(before.decisions.length);

  // Going around the page to the API is refused just the same.
  const refused = await gatesApi(
    'elif-yilmaz',
    'mlusecase/default/next-best-offer/strategy/decisions',
    {
      decision: 'approve',
      comment: 'Looks fine to me.',
      revision: before.revision,
    },
  );
  expect(refused.status).toBe(403);
  expect((await strategyGate()).decisions).toHaveLength(
    before.decisions.length,
  );
});

test('screenshots of the gate tabs, the overview stage line and the funnel', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Maria Silva');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    for (const stage of ['strategy', 'prototyping', 'operationalisation']) {
      await page.goto(
        `/catalog/default/mlusecase/roaming-fraud-screening/gate-${stage}`,
      );
      await expect(page.getByTestId(`mlops-gate-${stage}`)).toBeVisible();
      await expect(page.getByTestId('mlops-gate-sign-off-panel')).toBeVisible();
      await expectAccessible(page, `the ${stage} gate tab`);
      await page.screenshot({
        path: `e2e-screenshots/gate-${stage}-roaming-fraud-screening-${width}.png`,
        fullPage: true,
      });
    }
    await page.goto('/catalog/default/mlmodel/churn-gbm');
    await expect(page.getByTestId('mlops-current-stage')).toBeVisible();
    await expectAccessible(page, 'the model overview');
    await page.getByTestId('mlops-model-details-card').screenshot({
      path: `e2e-screenshots/gate-stage-line-churn-gbm-${width}.png`,
    });
    await page.goto('/catalog/default/mlusecase/next-best-offer');
    await expect(page.getByTestId('mlops-current-stage')).toBeVisible();
    await page.getByTestId('mlops-use-case-card').screenshot({
      path: `e2e-screenshots/gate-stage-line-next-best-offer-${width}.png`,
    });
    await page.goto('/mlops');
    const funnel = page.getByTestId('mlops-gate-funnel');
    await expect(
      funnel.getByRole('list', { name: 'Funnel of use cases by stage' }),
    ).toBeVisible();
    await expectAccessible(page, '/mlops', { pageIsOurs: true });
    await funnel.screenshot({
      path: `e2e-screenshots/gate-funnel-${width}.png`,
    });
  }
});
