import type {
  DeliveryBand,
  DeliveryBandThresholds,
  DeliveryMetric,
  DeliveryMetricId,
} from '../api/diagnostic';
import type { DiagnosticContext } from './indicators';
import { evidenceOf, Measurement } from './measure';
import { diagnosticRefOf, DiagnosticModelHistoryEntry } from './snapshot';
import { DAY_MS, median, round1, share } from './stats';

/**
 * The default bands of the delivery metrics, after DORA's four keys and
 * scaled to models (a model ships in weeks, not hours):
 *
 * - lead time (days, lower is better): elite ≤ 30, high ≤ 90, medium ≤ 180;
 * - change frequency (new production versions per production model per
 *   month, higher is better): elite ≥ 1 (monthly), high ≥ 1/3 (quarterly),
 *   medium ≥ 1/12 (yearly);
 * - change failure rate (share, lower is better): elite ≤ 5 %, high ≤ 10 %,
 *   medium ≤ 15 % (DORA's);
 * - time to restore (hours, lower is better): elite ≤ 24, high ≤ 168 (a
 *   week), medium ≤ 720 (a month).
 *
 * Anything worse than medium is low.
 * @public
 */
export const DEFAULT_DELIVERY_BANDS: Readonly<
  Record<DeliveryMetricId, DeliveryBandThresholds>
> = {
  'lead-time': { elite: 30, high: 90, medium: 180, better: 'lower' },
  'change-frequency': {
    elite: 1,
    high: 1 / 3,
    medium: 1 / 12,
    better: 'higher',
  },
  'change-failure-rate': {
    elite: 0.05,
    high: 0.1,
    medium: 0.15,
    better: 'lower',
  },
  'time-to-restore': { elite: 24, high: 168, medium: 720, better: 'lower' },
};

/** Days after a new production version in which a drift alert, a failed acceptance criterion or a rollback counts as its failure. @public */
export const DEFAULT_CHANGE_FAILURE_WINDOW_DAYS = 7;

/** How the delivery metrics are computed. @public */
export type DeliveryOptions = {
  /** Default {@link DEFAULT_CHANGE_FAILURE_WINDOW_DAYS}. */
  failureWindowDays?: number;
  /** Overrides of {@link DEFAULT_DELIVERY_BANDS}. */
  bands?: Partial<Record<DeliveryMetricId, DeliveryBandThresholds>>;
};

/** The band a value is in. @public */
export function deliveryBand(
  value: number,
  thresholds: DeliveryBandThresholds,
): DeliveryBand {
  const atOrBetter = (limit: number) =>
    thresholds.better === 'lower' ? value <= limit : value >= limit;
  if (atOrBetter(thresholds.elite)) return 'elite';
  if (atOrBetter(thresholds.high)) return 'high';
  if (atOrBetter(thresholds.medium)) return 'medium';
  return 'low';
}

/**
 * Compares two version strings by their numeric dotted parts (`1.10.0` >
 * `1.9.2`), then as text; a leading `v` is ignored.
 * @public
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/i, '').split(/[.\-+]/);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const cmp =
      x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)
        ? nx - ny
        : x.localeCompare(y);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

/** A new production version of a model, as the model history shows it. @public */
export type ProductionChange = {
  modelRef: string;
  version: string | null;
  at: Date;
  /** Back to a version the model ran in production before, or a lower one. */
  rollback: boolean;
};

/**
 * The new production versions in a model history: an entry with lifecycle
 * `production` whose version differs from the model's previous production
 * version, or that moves the model into production. A model's first entry
 * is a change only when it was observed after the history began (a model
 * registered once the portal was recording); before that it is where the
 * history starts, not a change.
 * @public
 */
export function productionChanges(
  history: readonly DiagnosticModelHistoryEntry[],
  historySince: Date | undefined,
): ProductionChange[] {
  const byModel = new Map<string, DiagnosticModelHistoryEntry[]>();
  for (const entry of history) {
    const list = byModel.get(entry.modelRef) ?? [];
    list.push(entry);
    byModel.set(entry.modelRef, list);
  }
  const changes: ProductionChange[] = [];
  const since = historySince?.getTime();
  for (const [modelRef, entries] of byModel) {
    entries.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    const seen: Array<string | null> = [];
    let previous: DiagnosticModelHistoryEntry | undefined;
    entries.forEach((entry, i) => {
      const inProduction = entry.lifecycle === 'production';
      const wasInProduction = previous?.lifecycle === 'production';
      const first =
        i === 0 &&
        (since === undefined || entry.observedAt.getTime() <= since + DAY_MS);
      if (
        inProduction &&
        !first &&
        (!wasInProduction || previous!.version !== entry.version)
      ) {
        const last = seen[seen.length - 1];
        const rollback =
          entry.version !== null &&
          (seen.slice(0, -1).includes(entry.version) ||
            (last !== undefined &&
              last !== null &&
              last !== entry.version &&
              compareVersions(entry.version, last) < 0));
        changes.push({
          modelRef,
          version: entry.version,
          at: entry.observedAt,
          rollback,
        });
      }
      if (inProduction && seen[seen.length - 1] !== entry.version) {
        seen.push(entry.version);
      }
      previous = entry;
    });
  }
  return changes.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The delivery metrics, their labels, units and formulas. @public */
export const DELIVERY_METRICS: ReadonlyArray<{
  id: DeliveryMetricId;
  label: string;
  unit: DeliveryMetric['unit'];
  formula: string;
}> = [
  {
    id: 'lead-time',
    label: 'Lead time to production',
    unit: 'days',
    formula:
      'Median, over use cases whose first production approval falls in the window, of the days from the use case’s registration (the earlier of when the portal first saw it and its or its models’ first gate event) to the first approved stage-3 gate of the use case or one of its models.',
  },
  {
    id: 'change-frequency',
    label: 'Model change frequency',
    unit: 'per-month',
    formula:
      'New production versions in the window (a model entering production, or a production model changing version, as the model history recorded it) per month of 30.4 days; banded per production model.',
  },
  {
    id: 'change-failure-rate',
    label: 'Model change failure rate',
    unit: 'ratio',
    formula:
      'New production versions in the window followed within the failure window (default 7 days) by a drift alert on a monitor of the model, its acceptance criteria turning failed, or a rollback to an earlier version, divided by all new production versions in the window.',
  },
  {
    id: 'time-to-restore',
    label: 'Time to restore',
    unit: 'hours',
    formula:
      'Median, over drift alerts that became healthy again in the window, of the hours from a monitor’s transition to "alert" to its first later transition to "healthy".',
  },
];

const MONTH_DAYS = 365.25 / 12;

/**
 * The delivery metrics of models over the context's window:
 *
 * - **lead time**: for each use case whose first production approval falls
 *   in the window, the days from its registration (the earlier of when the
 *   portal first saw it and its or its models' first gate event) to the
 *   first approval of a stage-3 gate of the use case or one of its models;
 *   the median.
 * - **change frequency**: new production versions ({@link productionChanges})
 *   in the window, per month (30.4 days); banded per production model.
 * - **change failure rate**: the share of those versions followed within the
 *   failure window (default 7 days) by a drift alert on a monitor of the
 *   model, its `model.acceptance-criteria-met` check turning failed, or a
 *   rollback to an earlier version.
 * - **time to restore**: for each drift alert (a monitor's transition to
 *   `alert`) that became healthy again in the window, the hours from the
 *   alert to the first later transition to `healthy`; the median.
 * @public
 */
export function deliveryMetrics(
  ctx: DiagnosticContext,
  options: DeliveryOptions & { evidenceLimit: number },
): DeliveryMetric[] {
  const { snapshot, windowStart } = ctx;
  const now = snapshot.now;
  const inWindow = (at: Date) => at > windowStart && at <= now;
  const bands = { ...DEFAULT_DELIVERY_BANDS, ...options.bands };
  const failureMs =
    (options.failureWindowDays ?? DEFAULT_CHANGE_FAILURE_WINDOW_DAYS) * DAY_MS;
  const measured: Record<
    DeliveryMetricId,
    Measurement & { bandValue?: number; sampleSize: number }
  > = {} as any;

  // Lead time.
  const leadTimes: number[] = [];
  const shipped: string[] = [];
  for (const useCase of snapshot.useCases) {
    const ref = diagnosticRefOf(useCase);
    const related = [ref, ...(ctx.modelsOfUseCase.get(ref) ?? [])].map(
      r => ctx.progress.get(r)!,
    );
    const approvals = related
      .map(p => p.firstProductionApprovalAt?.getTime())
      .filter((t): t is number => t !== undefined);
    if (!approvals.length) continue;
    const production = Math.min(...approvals);
    if (!inWindow(new Date(production))) continue;
    const starts = [
      snapshot.firstSeen.get(ref)?.getTime(),
      ...related.map(p => p.firstEventAt?.getTime()),
    ].filter((t): t is number => t !== undefined);
    if (!starts.length) continue;
    leadTimes.push(Math.max(0, production - Math.min(...starts)) / DAY_MS);
    shipped.push(ref);
  }
  const lead = median(leadTimes);
  measured['lead-time'] =
    lead === undefined
      ? {
          missing:
            'no use case in scope reached production (a first approved stage-3 gate) in the window',
          evidence: [],
          sampleSize: 0,
        }
      : {
          value: round1(lead),
          evidence: [
            { label: 'Use cases that reached production', entityRefs: shipped },
          ],
          sampleSize: leadTimes.length,
        };

  // Change frequency and failure rate.
  const modelRefs = new Set(snapshot.models.map(diagnosticRefOf));
  const all = snapshot.productionChanges
    .filter(c => modelRefs.has(c.modelRef))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const changes = all.filter(c => inWindow(c.at));
  const months = snapshot.windowDays / MONTH_DAYS;
  const productionModels = snapshot.models.filter(
    m => m.spec.lifecycle === 'production',
  ).length;
  const noHistory =
    'model version history: none recorded yet (it starts when the plugin is installed)';
  const hasHistory = [...modelRefs].some(ref =>
    snapshot.modelsWithHistory.has(ref),
  );
  measured['change-frequency'] = hasHistory
    ? {
        value: round1(changes.length / months),
        ...(productionModels
          ? {
              bandValue:
                Math.round(
                  (changes.length / months / productionModels) * 1000,
                ) / 1000,
            }
          : {}),
        evidence: [
          {
            label: 'Models with a new production version',
            entityRefs: changes.map(c => c.modelRef),
          },
        ],
        sampleSize: changes.length,
      }
    : { missing: noHistory, evidence: [], sampleSize: 0 };

  const alertsOf = new Map<string, number[]>();
  for (const t of snapshot.driftTransitions) {
    if (t.to !== 'alert') continue;
    const list = alertsOf.get(t.monitorRef) ?? [];
    list.push(t.at.getTime());
    alertsOf.set(t.monitorRef, list);
  }
  const failuresOf = new Map<string, number[]>();
  for (const f of snapshot.acceptanceFailures) {
    const list = failuresOf.get(f.modelRef) ?? [];
    list.push(f.at.getTime());
    failuresOf.set(f.modelRef, list);
  }
  const nextChange = new Map<ProductionChange, ProductionChange>();
  const lastOfModel = new Map<string, ProductionChange>();
  for (const change of all) {
    const last = lastOfModel.get(change.modelRef);
    if (last) nextChange.set(last, change);
    lastOfModel.set(change.modelRef, change);
  }
  // The drift alerts on each changed model's monitors, gathered once per model.
  const alertsOfModel = new Map<string, number[]>();
  const failed = changes.filter(change => {
    const from = change.at.getTime();
    const within = (t: number) => t > from && t <= from + failureMs;
    let alerts = alertsOfModel.get(change.modelRef);
    if (!alerts) {
      alerts = (ctx.monitorsOfModel.get(change.modelRef) ?? []).flatMap(
        m => alertsOf.get(m) ?? [],
      );
      alertsOfModel.set(change.modelRef, alerts);
    }
    const next = nextChange.get(change);
    return (
      alerts.some(within) ||
      (failuresOf.get(change.modelRef) ?? []).some(within) ||
      (next !== undefined && next.rollback && within(next.at.getTime()))
    );
  });
  if (!hasHistory) {
    measured['change-failure-rate'] = {
      missing: noHistory,
      evidence: [],
      sampleSize: 0,
    };
  } else if (!changes.length) {
    measured['change-failure-rate'] = {
      missing: 'no new production version in the window',
      evidence: [],
      sampleSize: 0,
    };
  } else {
    measured['change-failure-rate'] = {
      value: share(failed.length, changes.length),
      evidence: [
        { label: 'Failed changes', entityRefs: failed.map(c => c.modelRef) },
        { label: 'Changes', entityRefs: changes.map(c => c.modelRef) },
      ],
      sampleSize: changes.length,
    };
  }

  // Time to restore.
  const byMonitor = new Map<
    string,
    (typeof snapshot.driftTransitions)[number][]
  >();
  const monitorRefs = new Set(snapshot.monitors.map(diagnosticRefOf));
  for (const t of snapshot.driftTransitions) {
    if (!monitorRefs.has(t.monitorRef)) continue;
    const list = byMonitor.get(t.monitorRef) ?? [];
    list.push(t);
    byMonitor.set(t.monitorRef, list);
  }
  const restores: number[] = [];
  const restored: string[] = [];
  const open: string[] = [];
  for (const [monitorRef, transitions] of byMonitor) {
    transitions.sort((a, b) => a.at.getTime() - b.at.getTime());
    let alertAt: Date | undefined;
    for (const t of transitions) {
      if (t.to === 'alert' && !alertAt) alertAt = t.at;
      if (t.to === 'healthy' && alertAt) {
        if (inWindow(t.at)) {
          restores.push((t.at.getTime() - alertAt.getTime()) / 3_600_000);
          restored.push(monitorRef);
        }
        alertAt = undefined;
      }
    }
    if (alertAt) open.push(monitorRef);
  }
  const ttr = median(restores);
  measured['time-to-restore'] =
    ttr === undefined
      ? {
          missing: 'no drift alert in scope became healthy again in the window',
          evidence: open.length
            ? [{ label: 'Monitors still in alert', entityRefs: open }]
            : [],
          sampleSize: 0,
        }
      : {
          value: round1(ttr),
          evidence: [
            { label: 'Monitors restored', entityRefs: restored },
            { label: 'Monitors still in alert', entityRefs: open },
          ],
          sampleSize: restores.length,
        };

  return DELIVERY_METRICS.map(def => {
    const m = measured[def.id];
    const value = m.value ?? null;
    // Change frequency is banded per production model; the others by their value.
    const judged = def.id === 'change-frequency' ? m.bandValue ?? null : value;
    return {
      id: def.id,
      label: def.label,
      value,
      unit: def.unit,
      ...(m.bandValue !== undefined ? { bandValue: m.bandValue } : {}),
      ...(judged !== null ? { band: deliveryBand(judged, bands[def.id]) } : {}),
      thresholds: bands[def.id],
      sampleSize: m.sampleSize,
      formula: def.formula,
      ...(value === null ? { missing: m.missing ?? 'no data' } : {}),
      evidence: m.evidence.map(e =>
        evidenceOf(e.label, e.entityRefs, options.evidenceLimit),
      ),
      trend: [],
    };
  });
}
