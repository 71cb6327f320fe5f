#!/usr/bin/env node
// The demo's monitoring pipelines. They push drift history for the demo
// monitors (two weeks; ten for churn-gbm's inputs, eight for its performance)
// through the real ingestion API, POST
// /api/mlops/drift/observations, with the static token that app-config.yaml
// grants to pipelines (backend.auth.externalAccess), so that a newcomer sees
// every drift state at once:
//
// - churn-gbm-input-drift drifts into alert and stays there: the number of
//   customer-care contacts shifts over four days two months ago, after a
//   billing incident (its KS statistic, computed by the backend from the
//   reference and current samples, crosses 0.1, then 0.2), the two months in
//   which churn prevention's churn rate rises again (scripts/demo-value.mjs):
//   the Drift tab's series show the shift where it happened (the alert
//   itself, and its marker on the value card, carry the time the portal
//   evaluated it: when this script ran); the tenure PSI is computed from
//   samples too;
// - churn-gbm-performance is in warning: recall slides from 0.81 towards the
//   0.75 warning threshold (an alert would come under 0.7);
// - customer-segmentation-drift and store-demand-prediction-drift are healthy;
// - store-demand-input-drift is stale: its pipeline stopped three days ago,
//   beyond its daily cadence.
//
// One batch per monitor and day, keyed by monitor and day, so a re-run the
// same day is answered as a duplicate. Values come from a seeded generator:
// the same day gives the same history. It waits for the backend and the
// catalog, then exits. scripts/start-demo.sh runs it beside the portal; run
// it by hand with `node scripts/demo-drift.mjs`.

const backend = process.env.MLOPS_BACKEND_URL ?? 'http://localhost:7007';
const token =
  process.env.MLOPS_PIPELINE_TOKEN ?? 'demo-pipeline-token-not-for-production';
const DAY = 86_400_000;

/** A seeded generator (mulberry32), so a day's batch is the same on a re-run. */
function random(seedText) {
  let seed = 0;
  for (const c of seedText) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand, mean, sd) {
  const u = Math.max(rand(), 1e-12);
  return (
    mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
  );
}

const round = (x, digits = 4) => Number(x.toFixed(digits));

/** Each day's observation time: 06:00 UTC, the latest one already passed. */
function dayAt(daysBack) {
  const now = Date.now();
  let base = Math.floor(now / DAY) * DAY + 6 * 3_600_000;
  if (base > now) base -= DAY;
  return new Date(base - daysBack * DAY);
}

/** POSTs until the backend answers and the catalog holds the monitor. */
async function post(body) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${backend}/api/mlops/drift/observations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (response?.ok) return response.json();
    // 404 until the catalog has ingested the monitor; no answer while starting.
    if (response && response.status !== 404 && response.status < 500) {
      throw new Error(
        `demo drift: ${body.idempotencyKey}: ${
          response.status
        } ${await response.text()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`demo drift: gave up waiting for ${backend}`);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

const window = (at, referenceDays = 90) => ({
  referenceStart: new Date(
    at.getTime() - (referenceDays + 1) * DAY,
  ).toISOString(),
  referenceEnd: new Date(at.getTime() - DAY).toISOString(),
  currentStart: new Date(at.getTime() - DAY).toISOString(),
  currentEnd: at.toISOString(),
});

/** How many days back the billing incident shifted churn-gbm's inputs. */
const INCIDENT = 58;

/** The observations of each demo monitor on the day `d` days back. */
const monitors = {
  'churn-gbm-input-drift': {
    days: [70, 0],
    observations(d, at, rand) {
      // Care contacts shift up over four days from INCIDENT days back (a
      // billing incident), and have not come back.
      const shift =
        d > INCIDENT
          ? 0
          : [0.75, 0.55, 0.4, 0.25][Math.max(0, d - INCIDENT + 3)];
      const reference = Array.from({ length: 400 }, () =>
        round(normal(rand, 2, 1), 3),
      );
      const current = Array.from({ length: 400 }, () =>
        round(normal(rand, 2 + shift, 1), 3),
      );
      const tenureReference = Array.from({ length: 500 }, () =>
        round(Math.abs(normal(rand, 28, 14)), 1),
      );
      const tenureCurrent = Array.from({ length: 500 }, () =>
        round(Math.abs(normal(rand, 28.5, 14)), 1),
      );
      return [
        { feature: 'care_contacts_30d', reference, current },
        {
          feature: 'tenure_months',
          reference: tenureReference,
          current: tenureCurrent,
        },
        {
          feature: 'monthly_data_gb',
          value: round(0.4 + rand() * 0.5),
          referenceRows: 48000,
          currentRows: 1600,
        },
        {
          feature: 'contract_type',
          value: round(0.01 + rand() * 0.02),
          referenceRows: 48000,
          currentRows: 1600,
        },
        {
          feature: 'price_plan',
          value: round(6 + rand() * 10, 2),
          pValue: round(0.2 + rand() * 0.5),
          referenceRows: 48000,
          currentRows: 1600,
        },
      ].map(o => ({ ...o, observedAt: at.toISOString(), window: window(at) }));
    },
  },
  'churn-gbm-performance': {
    days: [56, 0],
    every: 7,
    observations(d, at, rand) {
      const weeks = d / 7;
      return [
        {
          feature: 'recall',
          value: round(0.745 + weeks * 0.009 + rand() * 0.004),
          currentRows: 420,
        },
        {
          feature: 'churned',
          value: round(0.004 + rand() * 0.008),
          currentRows: 11000,
        },
        {
          feature: 'churn_score_of_churners',
          value: round(0.03 + rand() * 0.04),
          pValue: round(0.3 + rand() * 0.5),
          currentRows: 420,
        },
      ].map(o => ({
        ...o,
        observedAt: at.toISOString(),
        window: window(at, 365),
      }));
    },
  },
  'customer-segmentation-drift': {
    days: [14, 0],
    observations(d, at, rand) {
      return [
        {
          feature: 'monthly_data_gb',
          value: round(0.3 + rand() * 0.6),
          referenceRows: 52000,
          currentRows: 1700,
        },
        {
          feature: 'segment',
          referenceCounts: {
            'heavy-streamer': 1200,
            'family-bundle': 2100,
            'business-light': 900,
            'prepaid-saver': 1800,
          },
          currentCounts: {
            'heavy-streamer': Math.round(1150 + rand() * 100),
            'family-bundle': Math.round(2050 + rand() * 100),
            'business-light': Math.round(880 + rand() * 60),
            'prepaid-saver': Math.round(1760 + rand() * 80),
          },
        },
      ].map(o => ({ ...o, observedAt: at.toISOString() }));
    },
  },
  'store-demand-input-drift': {
    days: [16, 3],
    observations(d, at, rand) {
      // Its pipeline stopped three days ago: stale.
      return [
        {
          feature: 'units_sold_lag_7',
          value: round(0.03 + rand() * 0.04),
          referenceRows: 120000,
          currentRows: 4200,
        },
        {
          feature: 'price_eur',
          value: round(0.03 + rand() * 0.04),
          referenceRows: 120000,
          currentRows: 4200,
        },
        {
          feature: 'promo_type',
          value: round(0.01 + rand() * 0.02),
          referenceRows: 120000,
          currentRows: 4200,
        },
      ].map(o => ({
        ...o,
        observedAt: at.toISOString(),
        window: window(at, 56),
      }));
    },
  },
  'store-demand-prediction-drift': {
    days: [14, 0],
    observations(d, at, rand) {
      return [
        {
          feature: 'forecast_units',
          value: round(0.6 + rand() * 0.8),
          referenceRows: 30000,
          currentRows: 4200,
        },
        {
          feature: 'interval_width',
          value: round(0.02 + rand() * 0.05),
          referenceRows: 30000,
          currentRows: 4200,
        },
      ].map(o => ({
        ...o,
        observedAt: at.toISOString(),
        window: window(at, 28),
      }));
    },
  },
};

for (const [name, monitor] of Object.entries(monitors)) {
  const [from, to] = monitor.days;
  let result;
  for (let d = from; d >= to; d -= monitor.every ?? 1) {
    const at = dayAt(d);
    const day = at.toISOString().slice(0, 10);
    result = await post({
      monitor: `mlmonitor:default/${name}`,
      idempotencyKey: `demo-drift:${name}:${day}`,
      observations: monitor.observations(d, at, random(`${name}:${day}`)),
    });
  }
  console.log(`demo drift: ${name} ${result.state ?? '(already stored)'}`);
}
console.log('demo drift: every demo monitor has its history');
