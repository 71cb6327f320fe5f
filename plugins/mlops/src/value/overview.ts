import type {
  UseCaseValueSummary,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A KPI of the organisation's value view, with the use case it belongs to. */
export type OverviewKpi = UseCaseValueSummary['kpis'][number] & {
  useCase: UseCaseValueSummary;
};

/** The KPIs that share a unit, so that their numbers may stand side by side. */
export type UnitGroup = {
  /** `undefined` for KPIs that declare no unit. */
  unit?: string;
  kpis: OverviewKpi[];
};

/**
 * The KPIs of every use case, one group per unit (a percentage and a sum
 * of euros are never compared), the groups in the order their first KPI
 * appears, and within each group by progress to target, the least first;
 * KPIs without a progress come last, in the order the overview gives.
 */
export function kpisByUnit(overview: ValueOverview): UnitGroup[] {
  const groups = new Map<string | undefined, OverviewKpi[]>();
  for (const useCase of overview.useCases) {
    for (const kpi of useCase.kpis) {
      const group = groups.get(kpi.unit) ?? [];
      group.push({ ...kpi, useCase });
      groups.set(kpi.unit, group);
    }
  }
  const rank = (kpi: OverviewKpi) => kpi.progress ?? Infinity;
  return [...groups].map(([unit, kpis]) => ({
    ...(unit === undefined ? {} : { unit }),
    // Array#sort is stable, so equal ranks keep the overview's order.
    kpis: [...kpis].sort((a, b) =>
      rank(a) === rank(b) ? 0 : rank(a) - rank(b),
    ),
  }));
}

/** A production use case in one of the freshness lists, with the KPIs that put it there. */
export type ListedUseCase = {
  useCase: UseCaseValueSummary;
  /** The KPIs concerned; empty in the fresh list and for a use case without KPIs. */
  kpis: string[];
};

/** Production use cases by how current their actuals are. */
export type ProductionFreshness = {
  /** Every KPI has a current actual. */
  fresh: ListedUseCase[];
  /** A KPI has no actual yet, or the use case declares no KPI. */
  withoutActuals: ListedUseCase[];
  /** A KPI's check-in is overdue. */
  overdue: ListedUseCase[];
};

/**
 * The use cases in production (`spec.lifecycle: production`) by the
 * freshness of their actuals. A use case with one KPI without data and
 * another overdue is in both of those lists.
 */
export function productionFreshness(
  overview: ValueOverview,
): ProductionFreshness {
  const result: ProductionFreshness = {
    fresh: [],
    withoutActuals: [],
    overdue: [],
  };
  for (const useCase of overview.useCases) {
    if (useCase.lifecycle !== 'production') continue;
    const named = (status: 'no-data' | 'overdue') =>
      useCase.kpis.filter(k => k.status === status).map(k => k.kpi);
    const missing = named('no-data');
    const overdue = named('overdue');
    if (useCase.kpis.length === 0 || missing.length > 0) {
      result.withoutActuals.push({ useCase, kpis: missing });
    }
    if (overdue.length > 0) result.overdue.push({ useCase, kpis: overdue });
    if (useCase.kpis.length > 0 && missing.length + overdue.length === 0) {
      result.fresh.push({ useCase, kpis: [] });
    }
  }
  return result;
}

/** A progress to target as a whole percentage: `62 %`, `-25 %`, `120 %`. */
export function formatPercent(progress: number): string {
  return `${Math.round(progress * 100)} %`;
}
