import { expect, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { tabTo } from './keyboard';
import { signInAs } from './signIn';

// Customer segmentation drift watches the k-means segmentation model; the
// demo (scripts/demo-drift.mjs) leaves it healthy, and its alerts go to
// Customer Analytics, of which Priya Nair is a member. The test pushes
// through the real ingestion API with the pipeline token of app-config.yaml,
// as the team's pipeline would.
const BACKEND = 'http://localhost:7007';
const PIPELINE_TOKEN =
  process.env.MLOPS_PIPELINE_TOKEN ?? 'demo-pipeline-token-not-for-production';
const MONITOR = 'mlmonitor:default/customer-segmentation-drift';
const MODEL_PAGE = '/catalog/default/mlmodel/customer-segmentation-kmeans';
const OWNER = 'priya-nair';
const ALERT_TITLE = 'Customer segmentation drift: drift alert';

/**
 * Pushes one batch for the monitor's two features (Wasserstein on
 * monthly_data_gb, warning 1.5 and alert 3; Hellinger on segment, warning 0.1
 * and alert 0.2), with a key and a time no earlier run used.
 */
async function push(
  label: string,
  at: Date,
  values: { monthly: number; segment: number },
) {
  const response = await fetch(`${BACKEND}/api/mlops/drift/observations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${PIPELINE_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      monitor: MONITOR,
      idempotencyKey: `e2e-drift-${label}-${at.getTime()}`,
      observations: [
        {
          feature: 'monthly_data_gb',
          observedAt: at.toISOString(),
          value: values.monthly,
          referenceRows: 52000,
          currentRows: 1700,
        },
        {
          feature: 'segment',
          observedAt: at.toISOString(),
          value: values.segment,
          referenceRows: 6000,
          currentRows: 5900,
        },
      ],
    }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(body).toMatchObject({ stored: 2, duplicate: false, monitor: MONITOR });
  return body as { state: string };
}

async function tokenOf(user: string): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.ok).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

type Notification = {
  created: string;
  updated?: string;
  payload: { title: string; link?: string; severity?: string };
};

/** The owner's drift-alert notifications about the monitor, newest first. */
async function alertNotifications(user: string): Promise<Notification[]> {
  const response = await fetch(
    `${BACKEND}/api/notifications/notifications?search=${encodeURIComponent(
      ALERT_TITLE,
    )}&limit=50`,
    { headers: { authorization: `Bearer ${await tokenOf(user)}` } },
  );
  expect(response.ok).toBe(true);
  const { notifications } = (await response.json()) as {
    notifications: Notification[];
  };
  return notifications.filter(n => n.payload.title === ALERT_TITLE);
}

function driftCard(page: Page) {
  return page.getByTestId('mlops-drift-health-card');
}

// Seconds apart and after anything an earlier run pushed, so that each
// batch is the monitor's latest.
const start = new Date(Date.now() - 3_000);

test.afterAll(async () => {
  // Leave the demo as it was: the monitor healthy again.
  await push('recovered', new Date(start.getTime() + 2_000), {
    monthly: 0.4,
    segment: 0.03,
  });
});

test('observations pushed through the API turn the model to alert, and the owner is notified', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const healthy = await push('healthy', start, { monthly: 0.4, segment: 0.03 });
  expect(healthy.state).toBe('healthy');

  await signInAs(page, 'Priya Nair');
  await page.goto(MODEL_PAGE);
  const card = driftCard(page);
  await expect(card.getByTestId('mlops-drift-state')).toHaveText('Healthy');
  await expect(
    card.getByText(
      '0 of 2 features drifted; dataset drift when at least half do',
    ),
  ).toBeVisible();

  const alert = await push('alert', new Date(start.getTime() + 1_000), {
    monthly: 3.6,
    segment: 0.27,
  });
  expect(alert.state).toBe('alert');

  await page.reload();
  await expect(card.getByTestId('mlops-drift-state')).toHaveText('Alert');
  await expect(
    card.getByText(
      /^2 of 2 features drifted; dataset drift when at least half do/,
    ),
  ).toBeVisible();
  const table = card.getByRole('table', {
    name: 'Features of Customer segmentation drift',
  });
  const segment = table.getByRole('row').filter({ hasText: 'segment' });
  await expect(segment).toContainText('Alert');
  await expect(segment).toContainText('0.27');
  await expect(segment).toContainText('alert at ≥ 0.2');
  await expect(
    table.getByRole('img', {
      name: /^monthly_data_gb, last \d+ values: .* to 3\.6,/,
    }),
  ).toBeVisible();

  // A new alert episode, so a notification created by this run.
  const notified = await alertNotifications(OWNER);
  expect(
    notified.some(n => Date.parse(n.created) >= start.getTime() - 1_000),
  ).toBe(true);

  await page.goto('/notifications');
  const notification = page.getByText(ALERT_TITLE).first();
  await expect(notification).toBeVisible();
  await notification.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/mlmonitor\/customer-segmentation-drift/,
  );
});

test('screenshots of the drift card, the monitor tab, the use case summary and the organisation page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Priya Nair');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });

    await page.goto('/catalog/default/mlmodel/churn-gbm');
    await expect(
      driftCard(page).getByTestId('mlops-drift-state'),
    ).toBeVisible();
    await expectAccessible(page, 'the model overview');
    await driftCard(page).screenshot({
      path: `e2e-screenshots/drift-card-churn-gbm-${width}.png`,
    });

    await page.goto('/catalog/default/mlmonitor/churn-gbm-input-drift/drift');
    await expect(
      page.getByTestId('mlops-drift-series-care_contacts_30d'),
    ).toBeVisible();
    // The demo drifts this monitor into alert; its channels are not
    // configured in the demo's app-config, and the delivery log says so.
    const channels = page.getByRole('table', {
      name: 'Alert channels of Churn GBM input drift',
    });
    await expect(
      channels.getByRole('row').filter({ hasText: 'ml-platform-oncall' }),
    ).toContainText(
      'no webhook named "ml-platform-oncall" is configured: add mlops.alerting.webhooks.ml-platform-oncall (url, secret) to app-config',
    );
    await expect(
      channels.getByRole('row').filter({ hasText: '#churn-model-alerts' }),
    ).toContainText(/Failed\s*Drift alert, episode \d+/);
    await expectAccessible(page, 'the Drift tab');
    await page.screenshot({
      path: `e2e-screenshots/drift-monitor-tab-churn-gbm-input-drift-${width}.png`,
      fullPage: true,
    });

    await page.goto('/catalog/default/mlusecase/churn-prevention');
    const summary = page.getByTestId('mlops-use-case-drift-card');
    await expect(summary.getByTestId('mlops-drift-state')).toBeVisible();
    await expectAccessible(page, 'the use case overview');
    await summary.screenshot({
      path: `e2e-screenshots/drift-use-case-churn-prevention-${width}.png`,
    });

    await page.goto('/mlops');
    const section = page.getByTestId('mlops-org-drift');
    await expect(
      section.getByRole('table', { name: 'Models drifting' }),
    ).toBeVisible();
    await expectAccessible(page, '/mlops', { pageIsOurs: true });
    await section.screenshot({
      path: `e2e-screenshots/drift-org-${width}.png`,
    });
  }
});

test("store-demand-forecast-accuracy is fed from the demo's Prometheus: its Drift tab shows the two weeks imported", async ({
  page,
}) => {
  // The Prometheus module's first pull comes 90 seconds after the start
  // (app-config.yaml); scripts/demo-prometheus.sh serves the history.
  test.setTimeout(300_000);
  // Per feature: how many hourly points the last week has, and how many
  // days the last month has.
  const pointsOf = async (days: number) => {
    const response = await fetch(
      `${BACKEND}/api/mlops/drift/series/default/store-demand-forecast-accuracy?days=${days}`,
      { headers: { authorization: `Bearer ${PIPELINE_TOKEN}` } },
    );
    const body: { features?: Array<{ name: string; points: unknown[] }> } =
      response.ok ? await response.json() : {};
    return Object.fromEntries(
      (body.features ?? []).map(f => [f.name, f.points.length]),
    );
  };
  // A week of hourly points (the import spans whole days, so up to a day
  // more), and for the month, one point a day for the two weeks.
  const inRange = (counts: Record<string, number>, min: number, max: number) =>
    Object.fromEntries(
      Object.entries(counts).map(([name, n]) => [name, n >= min && n <= max]),
    );
  await expect
    .poll(async () => inRange(await pointsOf(7), 150, 200), {
      timeout: 240_000,
      intervals: [5_000],
    })
    .toEqual({ mape_pct: true, interval_coverage: true });
  expect(inRange(await pointsOf(30), 14, 17)).toEqual({
    mape_pct: true,
    interval_coverage: true,
  });

  await signInAs(page, 'Priya Nair');
  await page.goto(
    '/catalog/default/mlmonitor/store-demand-forecast-accuracy/drift',
  );
  await expect(page.getByTestId('mlops-drift-series-mape_pct')).toBeVisible();
  await expect(
    page.getByTestId('mlops-drift-series-interval_coverage'),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/drift-monitor-tab-store-demand-forecast-accuracy.png',
    fullPage: true,
  });
});

test("store-demand-forecast-accuracy's Source bindings card shows how each query's pulls went", async ({
  page,
}) => {
  // The first pull comes 90 seconds after the start (app-config.yaml).
  test.setTimeout(300_000);
  await expect
    .poll(
      async () => {
        const response = await fetch(
          `${BACKEND}/api/mlops/drift/sources/default/store-demand-forecast-accuracy`,
          { headers: { authorization: `Bearer ${PIPELINE_TOKEN}` } },
        );
        const body: { bindings?: Array<{ state: string }> } = response.ok
          ? await response.json()
          : {};
        return (body.bindings ?? []).map(b => b.state);
      },
      { timeout: 240_000, intervals: [5_000] },
    )
    .toEqual(['ok', 'ok']);

  await signInAs(page, 'Priya Nair');
  await page.goto(
    '/catalog/default/mlmonitor/store-demand-forecast-accuracy/drift',
  );
  const card = page.getByTestId('mlops-drift-sources');
  const table = card.getByRole('table', {
    name: 'Source bindings of Store demand forecast accuracy',
  });
  await expect(table).toBeVisible();
  for (const [binding, query] of [
    ['mape_pct', 'max(forecast_mape_percent{model="store-demand-lightgbm"})'],
    [
      'interval_coverage',
      'min(forecast_interval_coverage{model="store-demand-lightgbm"})',
    ],
  ]) {
    // Material UI gives the row's first cell, a th, the role cell.
    const cells = table
      .getByRole('row')
      .filter({ hasText: binding })
      .getByRole('cell');
    await expect(cells.nth(0)).toContainText(
      `prometheus instance "demo": ${query}`,
    );
    await expect(cells.nth(1)).toContainText('Imported');
    await expect(cells.nth(2)).toContainText(/\d+ samples/);
  }
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `the Source bindings card`);
    await card.screenshot({
      path: `e2e-screenshots/drift-source-bindings-${width}.png`,
    });
  }
});

test("the Source bindings card's Dry run shows what each query would import, for the monitor's owners only", async ({
  page,
  browser,
}) => {
  // Jonas Lindqvist is in Forecasting, which owns the monitor; the demo's
  // policy grants the dry run to the owner's members (IS_MONITOR_OWNER).
  await signInAs(page, 'Jonas Lindqvist');
  await page.goto(
    '/catalog/default/mlmonitor/store-demand-forecast-accuracy/drift',
  );
  const card = page.getByTestId('mlops-drift-sources');
  const button = card.getByRole('button', {
    name: "Dry run Store demand forecast accuracy's bindings",
  });
  await expect(button).toBeVisible();
  // A keyboard user Tabs to it; the focus shows as an outline.
  await tabTo(page, button);
  await expect(button).toHaveCSS('outline-style', 'solid');
  await card.screenshot({
    path: 'e2e-screenshots/drift-source-dry-run-keyboard-focus.png',
  });
  await page.keyboard.press('Enter');
  const announced = card.getByRole('status');
  const results = announced.getByRole('table', {
    name: "Dry run of Store demand forecast accuracy's bindings",
  });
  await expect(results).toBeVisible();
  for (const binding of ['mape_pct', 'interval_coverage']) {
    const cells = results
      .getByRole('row')
      .filter({ hasText: binding })
      .getByRole('cell');
    // The lookback (15 days) of hourly samples from the demo's Prometheus.
    await expect(cells.nth(1)).toContainText(/\d{3} samples/);
  }
  await expect(announced).toContainText('Nothing was stored.');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `the Source bindings card after a dry run`);
    await card.screenshot({
      path: `e2e-screenshots/drift-source-dry-run-${width}.png`,
    });
  }

  // Priya Nair is not in Forecasting: the backend refuses, in its words.
  const other = await browser.newPage({
    baseURL: test.info().project.use.baseURL,
  });
  await signInAs(other, 'Priya Nair');
  await other.goto(
    '/catalog/default/mlmonitor/store-demand-forecast-accuracy/drift',
  );
  const othersCard = other.getByTestId('mlops-drift-sources');
  await othersCard.getByRole('button', { name: /^Dry run / }).click();
  await expect(othersCard.getByRole('status')).toContainText(
    'The dry run failed: a dry run of mlmonitor:default/store-demand-forecast-accuracy',
  );
  await other.close();
});
