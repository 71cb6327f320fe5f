#!/usr/bin/env node
// The demo's business-intelligence pipelines. They push twelve months of KPI
// actuals for the demo use cases through the real API, POST
// /api/mlops/value/actuals, with the static token that app-config.yaml grants
// to pipelines (backend.auth.externalAccess), so that a sponsor sees every
// value status at once:
//
// - churn prevention: the monthly churn rate falls from 2.8% towards the
//   2.2% target, then rises again in the last two months, while churn-gbm
//   drifted (scripts/demo-drift.mjs): at risk; one month's preliminary value
//   is corrected after the month-end close (a correction that supersedes it).
//   Its cost per retained subscriber, reported per quarter, is on track;
// - demand forecasting: the stock-out rate, reported per ISO week, improves
//   until store-demand-lightgbm's model change about three months ago and
//   has regressed since, beyond its baseline: off track. Its days of
//   inventory stopped being reported three months ago: overdue;
// - customer profiling gets no actuals at all: no data.
//
// One batch per KPI and period, keyed by use case, KPI and period, so a
// re-run the same month is answered as a duplicate and stores nothing twice.
// Values come from a seeded generator: the same period gives the same value.
// The story is told relative to today, so on a database that outlives a month
// the periods pushed by an earlier run keep their values (the backend answers
// 409, counted below). It waits for the backend and the catalog, then exits.
// scripts/start-demo.sh runs it beside the portal; run it by hand with
// `node scripts/demo-value.mjs`.

const backend = process.env.MLOPS_BACKEND_URL ?? 'http://localhost:7007';
const token =
  process.env.MLOPS_PIPELINE_TOKEN ?? 'demo-pipeline-token-not-for-production';
const DAY = 86_400_000;

/** A seeded generator (mulberry32), so a period's value is the same on a re-run. */
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

const round = (x, digits = 2) => Number(x.toFixed(digits));
const isoDate = time => new Date(time).toISOString().slice(0, 10);

const today = Math.floor(Date.now() / DAY) * DAY;

/**
 * The calendar period of `months` months (1: a month, 3: a quarter) that
 * ended `back` periods before the current one (1: the last complete one).
 */
function monthPeriod(months, back) {
  const now = new Date(today);
  const current =
    Math.floor((now.getUTCFullYear() * 12 + now.getUTCMonth()) / months) *
    months;
  const first = current - back * months;
  const start = Date.UTC(Math.floor(first / 12), first % 12, 1);
  const next = first + months;
  const end = Date.UTC(Math.floor(next / 12), next % 12, 1) - DAY;
  return { periodStart: isoDate(start), periodEnd: isoDate(end) };
}

/** The ISO week (Monday to Sunday) that ended `back` weeks before the current one. */
function weekPeriod(back) {
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday 0
  const monday = today - weekday * DAY - back * 7 * DAY;
  return { periodStart: isoDate(monday), periodEnd: isoDate(monday + 6 * DAY) };
}

/**
 * The demo KPIs (ids, units and cadences of catalog/*.yaml) and, for each,
 * the periods `back` from the current one that have an actual and its value.
 */
const kpis = [
  {
    useCase: 'churn-prevention',
    kpi: 'monthly-churn-rate', // %, P1M, baseline 2.8, target 2.2, decrease
    unit: '%',
    periods: [12, 1],
    period: back => monthPeriod(1, back),
    value(back, rand) {
      // 0.05 points better a month; the last two months, while churn-gbm
      // drifted, give part of it back.
      const trend =
        back > 2 ? 2.79 - (12 - back) * 0.05 : back === 2 ? 2.46 : 2.53;
      return round(trend + (rand() - 0.5) * 0.03);
    },
    comment: back =>
      back === 2
        ? 'Churn up after the billing incident; churn-gbm input drift under investigation'
        : undefined,
    // Six months back, the preliminary value was corrected at month-end close.
    correction: {
      back: 6,
      preliminary: value => round(value + 0.09),
      comment:
        'Corrected after the month-end close: late cancellations included',
    },
  },
  {
    useCase: 'churn-prevention',
    kpi: 'cost-per-retained-subscriber', // EUR, P3M, baseline 96, target 70
    unit: 'EUR',
    periods: [4, 1],
    period: back => monthPeriod(3, back),
    value: (back, rand) => round(94 - (4 - back) * 5 + (rand() - 0.5) * 2, 1),
  },
  {
    useCase: 'demand-forecasting',
    kpi: 'stock-out-rate', // %, P1W, baseline 6.5, target 3, decrease
    unit: '%',
    periods: [52, 1],
    period: back => weekPeriod(back),
    value(back, rand) {
      // Better every week until the model change 13 weeks ago, worse since.
      const trend =
        back > 13
          ? 6.4 - ((52 - back) / (52 - 14)) * 2.2
          : 4.2 + ((14 - back) / 13) * 2.7;
      return round(trend + (rand() - 0.5) * 0.2);
    },
    comment: back =>
      back === 13
        ? 'First week of store-demand-lightgbm 5.0 in the replenishment run'
        : undefined,
  },
  {
    useCase: 'demand-forecasting',
    kpi: 'days-of-inventory', // days, P1M, baseline 41, target 30, decrease
    unit: 'days',
    // Its report stopped three months ago: overdue.
    periods: [12, 4],
    period: back => monthPeriod(1, back),
    value: (back, rand) => round(40.6 - (12 - back) * 0.6 + rand() - 0.5, 1),
  },
  // customer-profiling: no actuals at all.
];

/** POSTs until the backend answers and the catalog holds the use case. */
async function post(body) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${backend}/api/mlops/value/actuals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (response?.ok) return response.json();
    // An earlier run (another month) stored this period with its own value.
    if (response?.status === 409) {
      return { conflict: (await response.json()).error?.message };
    }
    // 404 until the catalog has ingested the use case; no answer while starting.
    if (response && response.status !== 404 && response.status < 500) {
      throw new Error(
        `demo value: ${body.idempotencyKey}: ${
          response.status
        } ${await response.text()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`demo value: gave up waiting for ${backend}`);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

/** The ledger record a correction supersedes: the period's first record. */
async function recordOf(useCase, kpi, periodStart) {
  const response = await fetch(
    `${backend}/api/mlops/value/default/${useCase}/history`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!response.ok) {
    throw new Error(
      `demo value: history of ${useCase}: ${
        response.status
      } ${await response.text()}`,
    );
  }
  const { records } = await response.json();
  return records.find(
    r => r.kpiId === kpi && r.periodStart === periodStart && !r.supersedes,
  );
}

let kept = 0;
let conflict;
const count = result => {
  if (result.conflict) {
    kept += 1;
    conflict ??= result.conflict;
  }
  return result.stored ?? 0;
};

for (const definition of kpis) {
  const { useCase, kpi, unit } = definition;
  const [from, to] = definition.periods;
  let stored = 0;
  for (let back = from; back >= to; back--) {
    const period = definition.period(back);
    const value = definition.value(
      back,
      random(`${kpi}:${period.periodStart}`),
    );
    const comment = definition.comment?.(back);
    const key = `demo-value:${useCase}:${kpi}:${period.periodStart}`;
    const correction =
      definition.correction?.back === back ? definition.correction : undefined;
    const actual = {
      kpi,
      ...period,
      value: correction ? correction.preliminary(value) : value,
      unit,
      ...(comment ? { comment } : {}),
      evidenceUrl: `https://bi.northwind-telecom.example.com/kpi/${kpi}/${period.periodStart}`,
    };
    stored += count(
      await post({
        useCase: `mlusecase:default/${useCase}`,
        idempotencyKey: key,
        actuals: [actual],
      }),
    );
    if (correction) {
      const original = await recordOf(useCase, kpi, period.periodStart);
      if (original) {
        stored += count(
          await post({
            useCase: `mlusecase:default/${useCase}`,
            idempotencyKey: `${key}:correction`,
            actuals: [
              {
                ...actual,
                value,
                comment: correction.comment,
                supersedes: original.id,
              },
            ],
          }),
        );
      }
    }
  }
  console.log(`demo value: ${useCase} ${kpi}: ${stored} actuals stored`);
}
if (kept > 0) {
  console.log(
    `demo value: ${kept} periods keep the value an earlier run stored (${conflict})`,
  );
}

const response = await fetch(`${backend}/api/mlops/value`, {
  headers: { authorization: `Bearer ${token}` },
});
if (response.ok) {
  const overview = await response.json();
  for (const useCase of overview.useCases) {
    const statuses = useCase.kpis.map(k => `${k.id} ${k.status}`).join(', ');
    console.log(`demo value: ${useCase.entityRef}: ${statuses || 'no KPIs'}`);
  }
}
console.log('demo value: the demo use cases have their KPI actuals');
