import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
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
import { retentionAnalytics } from '../__testUtils__/maturityFixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';

const card = mlopsPlugin.getExtension('entity-card:mlops/maturity');
const tab = mlopsPlugin.getExtension('entity-content:mlops/maturity');
const teamTab = mlopsPlugin.getExtension('entity-content:mlops/team-maturity');
const page = mlopsPlugin.getExtension('page:mlops');

function renderEntityPage(entity: Entity, extensions: ExtensionDefinition[]) {
  const api = mockMlopsApi();
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [entity] })],
      [mlopsApiRef, api],
    ],
  });
  return api;
}

describe('MLOps maturity in the new frontend system', () => {
  it('provides the API, a card, two tabs and a page', () => {
    const apiFactory = createExtensionTester(
      mlopsPlugin.getExtension('api:mlops'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(apiFactory.api).toBe(mlopsApiRef);
    expect(
      createExtensionTester(card).get(EntityCardBlueprint.dataRefs.type),
    ).toBe('info');
    const tabOf = (content: ExtensionDefinition) => {
      const tester = createExtensionTester(content);
      return [
        tester.get(EntityContentBlueprint.dataRefs.title),
        tester.get(coreExtensionData.routePath),
      ];
    };
    // Short on ML entity pages, whose tab bar must fit beside the sidebar at
    // 1024 px; a Group page's tab says whose maturity it is.
    expect([tabOf(tab), tabOf(teamTab)]).toEqual([
      ['Maturity', '/maturity'],
      ['MLOps maturity', '/mlops-maturity'],
    ]);
    expect(createExtensionTester(page).get(coreExtensionData.routePath)).toBe(
      '/mlops',
    );
  });

  it.each([
    ['MLUseCase', churnUseCase],
    ['MLModel', churnGbm],
    ['MLMonitor', churnDriftMonitor],
  ] as const)(
    'shows the maturity card on the overview of an %s',
    async (_kind, entity) => {
      const api = renderEntityPage(entity, [card]);

      const shown = within(await screen.findByTestId('mlops-maturity-card'));
      expect(
        await shown.findByText('Level 1 · Repeatable'),
      ).toBeInTheDocument();
      expect(api.getScorecard).toHaveBeenCalled();
    },
  );

  it('shows the scorecard in the maturity tab of a model', async () => {
    renderEntityPage(churnGbm, [tab]);

    expect(
      await screen.findByRole('heading', { name: "What's needed for level 2" }),
    ).toBeInTheDocument();
  });

  it('shows the team view on a group and nothing of it on an ML entity', async () => {
    const api = renderEntityPage(retentionAnalytics, [card, tab, teamTab]);

    expect(
      await screen.findByTestId('mlops-team-leaderboard'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('mlops-maturity-card')).not.toBeInTheDocument();
    expect(api.getScorecard).not.toHaveBeenCalled();
  });

  it('leaves entities of other kinds alone', async () => {
    renderEntityPage(scoringService, [card, tab, teamTab]);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it("renders the organisation overview on its page, in Backstage's page layout", async () => {
    renderTestApp({
      extensions: [page],
      apis: [[mlopsApiRef, mockMlopsApi()]],
      initialRouteEntries: ['/mlops'],
      // The page's sections link to entity pages.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(await screen.findByTestId('mlops-org-teams')).toBeInTheDocument();
    // Page, Header and Content: one main landmark that holds the page's h1,
    // as in the legacy system, rather than bare content below the app's
    // plugin header.
    const main = screen.getByTestId('mlops-org-teams').closest('main');
    expect(main).not.toBeNull();
    expect(document.querySelectorAll('main')).toHaveLength(1);
    expect(
      await within(main!).findByRole('heading', {
        level: 1,
        name: 'MLOps maturity',
      }),
    ).toBeInTheDocument();
  });
});
