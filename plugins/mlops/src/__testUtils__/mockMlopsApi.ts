import { ResponseError } from '@backstage/errors';
import type { MlopsApi } from '../api';
import {
  churnGbmHistory,
  churnGbmRefreshedScorecard,
  churnGbmScorecard,
  overview,
  retentionTeamMaturity,
  rubric,
} from './maturityFixtures';
import {
  churnGates,
  prototypingGate,
  useCaseFunnel,
} from '../gates/__testUtils__/gateFixtures';
import {
  churnGbmDriftHealth,
  churnInputDriftSeries,
  driftAlerts,
} from '../drift/__testUtils__/driftFixtures';
import { churnDeliveryLog } from '../drift/__testUtils__/deliveryFixtures';
import { churnSourceStatus } from '../drift/__testUtils__/sourceFixtures';
import {
  churnHistory,
  churnValue,
  valueOverview,
} from '../value/__testUtils__/valueFixtures';
import { adaHome } from '../value/__testUtils__/sponsorHomeFixtures';
import {
  organisationDiagnostic,
  retentionAnswers,
  retentionDiagnostic,
} from '../diagnostic/__testUtils__/diagnosticFixtures';
import { rejectedEntities } from '../rejected/__testUtils__/rejectedFixtures';

/**
 * An MlopsApi whose every method is a jest mock answering with the fixtures
 * of ./maturityFixtures.ts and of each feature's fixtures, unless
 * overridden.
 */
export function mockMlopsApi(
  overrides: Partial<MlopsApi> = {},
): jest.Mocked<MlopsApi> {
  return {
    getRubric: jest.fn(async () => rubric),
    getScorecard: jest.fn(async () => churnGbmScorecard),
    getScorecardHistory: jest.fn(async (_ref, days) => ({
      ...churnGbmHistory,
      days,
    })),
    refreshScorecard: jest.fn(async () => churnGbmRefreshedScorecard),
    getTeamMaturity: jest.fn(async () => retentionTeamMaturity),
    getOverview: jest.fn(async () => overview),
    teamExportUrl: jest.fn(
      async () =>
        'http://backstage.test/api/mlops/teams/default/retention-analytics/export.csv',
    ),
    getTeamExport: jest.fn(
      async () => new Blob(['entityRef,level\n'], { type: 'text/csv' }),
    ),
    badgeUrl: jest.fn(
      async () =>
        'http://backstage.test/api/mlops/badges/mlmodel/default/churn-gbm',
    ),
    getGates: jest.fn(async () => churnGates),
    decideGate: jest.fn(async () => prototypingGate),
    attestGateCriterion: jest.fn(async () => prototypingGate),
    gateAuditUrl: jest.fn(
      async (_ref, format) =>
        `http://backstage.test/api/mlops/gates/mlusecase/default/churn-prevention/audit?format=${format}`,
    ),
    getGateAudit: jest.fn(
      async () => new Blob(['id,stage,decision\n'], { type: 'text/csv' }),
    ),
    getGateFunnel: jest.fn(async () => useCaseFunnel),
    getDriftHealth: jest.fn(async () => churnGbmDriftHealth),
    getDriftSeries: jest.fn(async () => churnInputDriftSeries),
    getDriftAlerts: jest.fn(async () => driftAlerts),
    getAlertDeliveries: jest.fn(async () => churnDeliveryLog),
    getDriftSourceStatus: jest.fn(async () => churnSourceStatus),
    dryRunDriftSource: jest.fn(async () => ({
      monitor: 'mlmonitor:default/churn-gbm-drift',
      bindings: [],
    })),
    getKpiSourceStatus: jest.fn(async () => ({
      useCase: 'mlusecase:default/churn-prevention',
      bindings: [],
    })),
    dryRunKpiSource: jest.fn(async () => ({
      useCase: 'mlusecase:default/churn-prevention',
      bindings: [],
    })),
    getUseCaseValue: jest.fn(async () => churnValue),
    getUseCaseValueHistory: jest.fn(async () => churnHistory),
    valueHistoryCsvUrl: jest.fn(
      async () =>
        'http://backstage.test/api/mlops/value/default/churn-prevention/history?format=csv',
    ),
    getValueHistoryCsv: jest.fn(
      async () =>
        new Blob(['kpi,periodStart,periodEnd,value\n'], { type: 'text/csv' }),
    ),
    recordKpiActual: jest.fn(async () => churnValue),
    getValueOverview: jest.fn(async () => valueOverview),
    getSponsorHome: jest.fn(async () => adaHome),
    getDiagnostic: jest.fn(async query => ({
      ...(query?.team ? retentionDiagnostic : organisationDiagnostic),
      days: query?.days ?? 90,
    })),
    diagnosticCsvUrl: jest.fn(
      async () => 'http://backstage.test/api/mlops/diagnostic?format=csv',
    ),
    getDiagnosticCsv: jest.fn(
      async () => new Blob(['section,title,verdict\n'], { type: 'text/csv' }),
    ),
    recordDiagnosticAnswer: jest.fn(async () => retentionAnswers),
    getRejectedEntities: jest.fn(async query => ({
      items: rejectedEntities.items.filter(
        e => !query?.owner || e.owner === query.owner,
      ),
    })),
    ...overrides,
  } as jest.Mocked<MlopsApi>;
}

/** The error the client rejects with when the backend answers `status`. */
export function responseError(
  status: number,
  name: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message: `${name} from the mlops backend` },
        request: { method: 'GET', url: '/api/mlops' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
