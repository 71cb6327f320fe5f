import { KPI_STATUSES } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  KpiStatus,
  UseCaseValueSummary,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';

type SummaryKpi = UseCaseValueSummary['kpis'][number];

/** The overview of the given use cases, its status counts taken from their KPIs. */
export function overviewOf(useCases: UseCaseValueSummary[]): ValueOverview {
  const statusCounts = Object.fromEntries(
    KPI_STATUSES.map(status => [status, 0]),
  ) as Record<KpiStatus, number>;
  for (const kpi of useCases.flatMap(u => u.kpis)) {
    statusCounts[kpi.status] += 1;
  }
  return { useCases, statusCounts };
}

const march = { periodStart: '2026-03-01', periodEnd: '2026-03-31' };
const q1 = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };

const churnRate: SummaryKpi = {
  id: 'monthly-churn-rate',
  kpi: 'Monthly churn rate',
  unit: '%',
  status: 'on-track',
  progress: 0.5,
  latest: { ...march, value: 2.5 },
};

const offerUptake: SummaryKpi = {
  id: 'offer-uptake',
  kpi: 'Retention offer uptake',
  unit: '%',
  status: 'no-data',
};

const fraudLossesAvoided: SummaryKpi = {
  id: 'fraud-losses-avoided',
  kpi: 'Fraud losses avoided',
  unit: 'kEUR',
  status: 'at-risk',
  progress: 0.3,
  latest: { ...q1, value: 420 },
};

/** Churn prevention, in production: one KPI on track, one never reported. */
export const churnSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:default/churn-prevention',
  title: 'Churn prevention',
  owner: 'group:default/retention-analytics',
  sponsor: 'user:default/ada',
  lifecycle: 'production',
  kpis: [churnRate, offerUptake],
};

/** Fraud detection, in production, reporting in kEUR. */
export const fraudSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:payments/fraud-detection',
  title: 'Fraud detection',
  owner: 'group:default/fraud-detection',
  lifecycle: 'production',
  kpis: [fraudLossesAvoided],
};

/** Demand forecasting, in production, its March actual overdue. */
export const demandSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:default/demand-forecasting',
  title: 'Demand forecasting',
  lifecycle: 'production',
  kpis: [
    {
      id: 'forecast-error',
      kpi: 'Forecast error',
      unit: '%',
      status: 'overdue',
      progress: 0.624,
      latest: { periodStart: '2026-01-01', periodEnd: '2026-01-31', value: 9 },
    },
  ],
};

/** Next best offer, in production, beyond its target and worse on another KPI. */
export const offerSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:default/next-best-offer',
  title: 'Next best offer',
  lifecycle: 'production',
  kpis: [
    {
      id: 'revenue-uplift',
      kpi: 'Revenue uplift',
      unit: 'kEUR',
      status: 'on-track',
      progress: 1.2,
      latest: { ...q1, value: 1250 },
    },
    {
      id: 'complaint-rate',
      kpi: 'Complaint rate',
      unit: '%',
      status: 'off-track',
      progress: -0.25,
      latest: { ...march, value: 1.5 },
    },
  ],
};

/** Invoice triage, in production but without a KPI. */
export const triageSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:default/invoice-triage',
  title: 'Invoice triage',
  lifecycle: 'production',
  kpis: [],
};

/** Document search, still experimental, its KPI without a unit. */
export const searchSummary: UseCaseValueSummary = {
  entityRef: 'mlusecase:default/document-search',
  title: 'Document search',
  lifecycle: 'experimental',
  kpis: [
    {
      id: 'searches-per-answer',
      kpi: 'Searches per answer',
      status: 'no-data',
    },
  ],
};

/** The organisation's value with every kind of use case, most urgent first. */
export const organisationValue: ValueOverview = overviewOf([
  offerSummary,
  demandSummary,
  fraudSummary,
  churnSummary,
  searchSummary,
  triageSummary,
]);

/** Two KPIs in `%` and one in `kEUR`. */
export const percentAndEuroValue: ValueOverview = overviewOf([
  churnSummary,
  fraudSummary,
]);
