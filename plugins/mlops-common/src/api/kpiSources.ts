import type { KpiActualInput } from './value';
import type { BusinessDriver } from '../kinds/types';
import type { SourceBindingStatus } from './sourceBindings';

// The KPI sources' bindings as the API serves them: each binding's status
// after the scheduled pulls, and a dry run of a use case's bindings
// (plugins/mlops-backend/src/schema/kpiSources.openapi.yaml).

/** The response of `GET /kpi-sources/:namespace/:name`. @public */
export type KpiSourceStatus = {
  useCase: string;
  /** Ordered by source and binding (the KPI's id). */
  bindings: SourceBindingStatus[];
};

/** A business driver's binding to Prometheus (`spec.businessDrivers[].prometheus`). @public */
export type KpiPrometheusBinding = NonNullable<BusinessDriver['prometheus']>;

/**
 * The body of `POST /kpi-sources/dry-run`: a use case in the catalog; `kpi`
 * runs that KPI's binding only and, to check a binding before committing
 * it, `prometheus` is the binding to try instead of the one in the catalog.
 * @public
 */
export type KpiSourceDryRunRequest = {
  useCase: string;
  /** A KPI's id (`spec.businessDrivers[].id`); every bound KPI when absent. */
  kpi?: string;
  /** The binding to try for `kpi`. */
  prometheus?: KpiPrometheusBinding;
};

/** What one KPI binding would import now. @public */
export type KpiSourceDryRunBinding = {
  source: string;
  /** The KPI's id. */
  binding: string;
  description?: string;
  /** The actuals it would record (one per completed period). */
  samples: number;
  /** Samples it would skip because they are NaN or infinite. */
  skipped: number;
  /** ISO 8601: the span the dry run covered, when the source says. */
  from?: string;
  to?: string;
  /** The actuals it would record, oldest first (at most 100, the latest). */
  actuals: KpiActualInput[];
  /** Why it would record nothing: the source's error verbatim. */
  error?: string;
};

/** The response of `POST /kpi-sources/dry-run`: nothing is stored. @public */
export type KpiSourceDryRun = {
  useCase: string;
  /** One entry per binding of every KPI source; empty when no source binds the use case. */
  bindings: KpiSourceDryRunBinding[];
};
