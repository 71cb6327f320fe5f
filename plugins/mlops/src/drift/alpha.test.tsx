import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  coreExtensionData,
  ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import mlopsPlugin from '../alpha';
import { mlopsApiRef } from '../api';
import {
  churnDriftMonitor,
  churnGbm,
  churnUseCase,
  scoringService,
} from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import {
  churnInputDriftHealth,
  churnUseCaseDriftHealth,
} from './__testUtils__/driftFixtures';

const card = mlopsPlugin.getExtension('entity-card:mlops/drift-health');
const useCaseCard = mlopsPlugin.getExtension(
  'entity-card:mlops/use-case-drift',
);
const tab = mlopsPlugin.getExtension('entity-content:mlops/drift');
const page = mlopsPlugin.getExtension('page:mlops');
const all = [card, useCaseCard, tab];

function renderEntityPage(
  entity: Entity,
  extensions: ExtensionDefinition[],
  api = mockMlopsApi(),
) {
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [entity] })],
      [mlopsApiRef, api],
    ],
  });
  return api;
}

describe('drift in the new frontend system', () => {
  it('puts the drift-health card in the content area, the use case summary in the info column, and the tab at /drift', () => {
    const typeOf = (c: ExtensionDefinition) =>
      createExtensionTester(c).get(EntityCardBlueprint.dataRefs.type);
    expect([typeOf(card), typeOf(useCaseCard)]).toEqual(['content', 'info']);
    const tester = createExtensionTester(tab);
    expect([
      tester.get(EntityContentBlueprint.dataRefs.title),
      tester.get(coreExtensionData.routePath),
    ]).toEqual(['Drift', '/drift']);
  });

  it("shows a model's drift health on its overview, and only the model card", async () => {
    const api = renderEntityPage(churnGbm, all);

    const shown = within(await screen.findByTestId('mlops-drift-health-card'));
    expect(await shown.findByTestId('mlops-drift-state')).toHaveTextContent(
      'Alert',
    );
    expect(
      shown.getByText(
        /^3 of 5 features drifted; dataset drift when at least half do/,
      ),
    ).toBeVisible();
    expect(screen.queryByTestId('mlops-use-case-drift-card')).toBeNull();
    expect(api.getDriftHealth).toHaveBeenCalledWith(
      'mlmodel:default/churn-gbm',
    );
  });

  it("shows a monitor's drift health on its overview", async () => {
    renderEntityPage(
      churnDriftMonitor,
      [card, useCaseCard],
      mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnInputDriftHealth),
      }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Churn GBM input drift',
        level: 3,
      }),
    ).toBeVisible();
  });

  it("summarises a use case's models and shows no model card on it", async () => {
    renderEntityPage(
      churnUseCase,
      all,
      mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnUseCaseDriftHealth),
      }),
    );

    const summary = within(
      await screen.findByTestId('mlops-use-case-drift-card'),
    );
    expect(
      await summary.findByRole('link', { name: 'Churn GBM' }),
    ).toBeVisible();
    expect(screen.queryByTestId('mlops-drift-health-card')).toBeNull();
  });

  it('leaves entities of other kinds alone', async () => {
    const api = renderEntityPage(scoringService, all);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(api.getDriftHealth).not.toHaveBeenCalled();
  });

  it('lists the drifting models on the organisation page', async () => {
    const api = mockMlopsApi();
    renderTestApp({
      extensions: [page],
      apis: [
        [catalogApiRef, catalogApiMock()],
        [mlopsApiRef, api],
      ],
      initialRouteEntries: ['/mlops'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole('heading', { name: 'Models drifting', level: 2 }),
    ).toBeVisible();
    expect(
      await screen.findByRole('link', { name: 'Churn GBM' }),
    ).toBeVisible();
  });
});
