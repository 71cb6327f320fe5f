import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FrameworkStageId } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  DiagnosticQuery,
  EntityRefInput,
  GateAuditFormat,
  GateFunnelKind,
  LeaderboardPage,
  MaturityQuery,
  MlopsApi,
  RejectedEntitiesQuery,
} from './MlopsApi';
import type {
  AdoptionDiagnostic,
  AlertDeliveryLog,
  DiagnosticAnswerRequest,
  DiagnosticTeamAnswers,
  DriftAlerts,
  DriftHealth,
  DriftSeries,
  DriftSourceDryRun,
  DriftSourceDryRunRequest,
  DriftSourceStatus,
  KpiSourceDryRun,
  KpiSourceDryRunRequest,
  KpiSourceStatus,
  EntityGates,
  EntityScorecard,
  GateAttestationRequest,
  GateDecisionRequest,
  GateFunnel,
  GateView,
  KpiActualInput,
  MaturityOverview,
  RejectedEntities,
  RubricDescription,
  ScorecardHistory,
  SponsorHome,
  TeamMaturity,
  UseCaseValue,
  UseCaseValueHistory,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';

function parts(ref: EntityRefInput, defaultKind?: string): CompoundEntityRef {
  return typeof ref === 'string'
    ? parseEntityRef(ref, { defaultKind, defaultNamespace: DEFAULT_NAMESPACE })
    : ref;
}

function entityPath(ref: EntityRefInput): string {
  const { kind, namespace, name } = parts(ref);
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
}

function teamPath(ref: EntityRefInput): string {
  const { namespace, name } = parts(ref, 'group');
  return [namespace, name].map(encodeURIComponent).join('/');
}

/** `{namespace}/{name}` of an MLUseCase, the path of its value routes. */
function valuePath(ref: EntityRefInput): string {
  const { namespace, name } = parts(ref, 'mlusecase');
  return [namespace, name].map(encodeURIComponent).join('/');
}

function queryString(query: MaturityQuery & LeaderboardPage = {}): string {
  const params = new URLSearchParams();
  if (query.days !== undefined) params.set('days', String(query.days));
  if (query.kind !== undefined) params.set('kind', query.kind);
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The path and query of a diagnostic, `/diagnostic[/teams/{namespace}/{name}]?days=…&format=…`. */
function diagnosticPath(query: DiagnosticQuery = {}, format?: 'csv'): string {
  const params = new URLSearchParams();
  if (query.days !== undefined) params.set('days', String(query.days));
  if (format) params.set('format', format);
  const text = params.toString();
  const scope = query.team ? `/teams/${teamPath(query.team)}` : '';
  return `/diagnostic${scope}${text ? `?${text}` : ''}`;
}

/**
 * The {@link MlopsApi} over HTTP: the backend found through discovery, every
 * request sent through the fetch API so that it carries the user's token.
 * @public
 */
export class MlopsClient implements MlopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getRubric(): Promise<RubricDescription> {
    return this.request('/rubric');
  }

  getScorecard(entityRef: EntityRefInput): Promise<EntityScorecard> {
    return this.request(`/scorecards/${entityPath(entityRef)}`);
  }

  getScorecardHistory(
    entityRef: EntityRefInput,
    days: number,
  ): Promise<ScorecardHistory> {
    return this.request(
      `/scorecards/${entityPath(entityRef)}/history${queryString({ days })}`,
    );
  }

  refreshScorecard(entityRef: EntityRefInput): Promise<EntityScorecard> {
    return this.request(`/scorecards/${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
  }

  getTeamMaturity(
    groupRef: EntityRefInput,
    query?: MaturityQuery & LeaderboardPage,
  ): Promise<TeamMaturity> {
    return this.request(`/teams/${teamPath(groupRef)}${queryString(query)}`);
  }

  getOverview(query?: MaturityQuery): Promise<MaturityOverview> {
    return this.request(`/teams${queryString(query)}`);
  }

  async teamExportUrl(
    groupRef: EntityRefInput,
    query?: MaturityQuery,
  ): Promise<string> {
    return `${await this.baseUrl()}/teams/${teamPath(
      groupRef,
    )}/export.csv${queryString(query)}`;
  }

  async getTeamExport(
    groupRef: EntityRefInput,
    query?: MaturityQuery,
  ): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.teamExportUrl(groupRef, query),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  async badgeUrl(entityRef: EntityRefInput): Promise<string> {
    return `${await this.baseUrl()}/badges/${entityPath(entityRef)}`;
  }

  getGates(entityRef: EntityRefInput): Promise<EntityGates> {
    return this.request(`/gates/${entityPath(entityRef)}`);
  }

  decideGate(
    entityRef: EntityRefInput,
    stage: FrameworkStageId,
    request: GateDecisionRequest,
  ): Promise<GateView> {
    return this.postJson(
      `/gates/${entityPath(entityRef)}/${encodeURIComponent(stage)}/decisions`,
      request,
    );
  }

  attestGateCriterion(
    entityRef: EntityRefInput,
    stage: FrameworkStageId,
    request: GateAttestationRequest,
  ): Promise<GateView> {
    return this.postJson(
      `/gates/${entityPath(entityRef)}/${encodeURIComponent(
        stage,
      )}/attestations`,
      request,
    );
  }

  async gateAuditUrl(
    entityRef: EntityRefInput,
    format: GateAuditFormat,
  ): Promise<string> {
    return `${await this.baseUrl()}/gates/${entityPath(
      entityRef,
    )}/audit?format=${format}`;
  }

  async getGateAudit(
    entityRef: EntityRefInput,
    format: GateAuditFormat,
  ): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.gateAuditUrl(entityRef, format),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  getGateFunnel(kind: GateFunnelKind): Promise<GateFunnel> {
    return this.request(`/gates/funnel${queryString({ kind })}`);
  }

  getDriftHealth(entityRef: EntityRefInput): Promise<DriftHealth> {
    return this.request(`/drift/health/${entityPath(entityRef)}`);
  }

  getDriftSeries(
    monitorRef: EntityRefInput,
    days?: number,
  ): Promise<DriftSeries> {
    const { namespace, name } = parts(monitorRef, 'mlmonitor');
    return this.request(
      `/drift/series/${[namespace, name]
        .map(encodeURIComponent)
        .join('/')}${queryString({ days })}`,
    );
  }

  getAlertDeliveries(monitorRef: EntityRefInput): Promise<AlertDeliveryLog> {
    const { namespace, name } = parts(monitorRef, 'mlmonitor');
    return this.request(
      `/drift/deliveries/${[namespace, name]
        .map(encodeURIComponent)
        .join('/')}`,
    );
  }

  getDriftSourceStatus(monitorRef: EntityRefInput): Promise<DriftSourceStatus> {
    const { namespace, name } = parts(monitorRef, 'mlmonitor');
    return this.request(
      `/drift/sources/${[namespace, name].map(encodeURIComponent).join('/')}`,
    );
  }

  dryRunDriftSource(
    request: DriftSourceDryRunRequest,
  ): Promise<DriftSourceDryRun> {
    return this.postJson('/drift/sources/dry-run', request);
  }

  getKpiSourceStatus(useCaseRef: EntityRefInput): Promise<KpiSourceStatus> {
    return this.request(`/kpi-sources/${valuePath(useCaseRef)}`);
  }

  dryRunKpiSource(request: KpiSourceDryRunRequest): Promise<KpiSourceDryRun> {
    return this.postJson('/kpi-sources/dry-run', request);
  }

  getDriftAlerts(): Promise<DriftAlerts> {
    return this.request('/drift/alerts');
  }

  getUseCaseValue(useCaseRef: EntityRefInput): Promise<UseCaseValue> {
    return this.request(`/value/${valuePath(useCaseRef)}`);
  }

  getUseCaseValueHistory(
    useCaseRef: EntityRefInput,
  ): Promise<UseCaseValueHistory> {
    return this.request(`/value/${valuePath(useCaseRef)}/history`);
  }

  async valueHistoryCsvUrl(useCaseRef: EntityRefInput): Promise<string> {
    return `${await this.baseUrl()}/value/${valuePath(
      useCaseRef,
    )}/history?format=csv`;
  }

  async getValueHistoryCsv(useCaseRef: EntityRefInput): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.valueHistoryCsvUrl(useCaseRef),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  recordKpiActual(
    useCaseRef: EntityRefInput,
    input: KpiActualInput,
  ): Promise<UseCaseValue> {
    return this.postJson(`/value/${valuePath(useCaseRef)}/actuals`, input);
  }

  getValueOverview(): Promise<ValueOverview> {
    return this.request('/value');
  }

  getSponsorHome(): Promise<SponsorHome> {
    return this.request('/value/mine');
  }

  getDiagnostic(query?: DiagnosticQuery): Promise<AdoptionDiagnostic> {
    return this.request(diagnosticPath(query));
  }

  async diagnosticCsvUrl(query?: DiagnosticQuery): Promise<string> {
    return `${await this.baseUrl()}${diagnosticPath(query, 'csv')}`;
  }

  async getDiagnosticCsv(query?: DiagnosticQuery): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.diagnosticCsvUrl(query),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  recordDiagnosticAnswer(
    team: EntityRefInput,
    request: DiagnosticAnswerRequest,
  ): Promise<DiagnosticTeamAnswers> {
    return this.postJson(
      `/diagnostic/teams/${teamPath(team)}/answers`,
      request,
    );
  }

  getRejectedEntities(
    query: RejectedEntitiesQuery = {},
  ): Promise<RejectedEntities> {
    const owner =
      query.owner === undefined
        ? ''
        : `?${new URLSearchParams({
            owner: stringifyEntityRef(parts(query.owner, 'group')),
          })}`;
    return this.request(`/rejected-entities${owner}`);
  }

  private baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl('mlops');
  }

  private postJson<T>(path: string, body: unknown): Promise<T> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${path}`,
      init,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
