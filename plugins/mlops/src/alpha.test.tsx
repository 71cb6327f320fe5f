import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  coreExtensionData,
  ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import mlopsPlugin from './alpha';
import { mlopsApiRef } from './api';
import { mockMlopsApi } from './__testUtils__/mockMlopsApi';
import {
  churnDriftMonitor,
  churnGbm,
  churnLogit,
  churnUseCase,
  scoringService,
} from './__testUtils__/fixtures';
import { cardHeadings, cardTitles, sorted } from './__testUtils__/cardHeadings';

const cards: ExtensionDefinition[] = [
  mlopsPlugin.getExtension('entity-card:mlops/use-case'),
  mlopsPlugin.getExtension('entity-card:mlops/business-drivers'),
  mlopsPlugin.getExtension('entity-card:mlops/acceptance-criteria'),
  mlopsPlugin.getExtension('entity-card:mlops/model-details'),
  mlopsPlugin.getExtension('entity-card:mlops/lineage'),
  mlopsPlugin.getExtension('entity-card:mlops/metrics'),
  mlopsPlugin.getExtension('entity-card:mlops/fairness'),
  mlopsPlugin.getExtension('entity-card:mlops/model-card'),
  mlopsPlugin.getExtension('entity-card:mlops/monitor'),
  mlopsPlugin.getExtension('entity-card:mlops/monitored-features'),
];

const contents: ExtensionDefinition[] = [
  mlopsPlugin.getExtension('entity-content:mlops/use-case'),
  mlopsPlugin.getExtension('entity-content:mlops/model'),
  mlopsPlugin.getExtension('entity-content:mlops/monitor'),
];

const catalog = [churnUseCase, churnGbm, churnLogit, churnDriftMonitor];

function renderEntityPage(entity: Entity, extensions: ExtensionDefinition[]) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: catalog })],
      // The use-case and model cards show the current stage from the backend.
      [mlopsApiRef, mockMlopsApi()],
    ],
  });
}

describe('the new frontend system plugin', () => {
  it('installs every card of a kind with the plugin alone', async () => {
    await renderTestApp({
      features: [mlopsPlugin],
      extensions: [createTestEntityPage({ entity: churnGbm })],
      apis: [[catalogApiRef, catalogApiMock({ entities: catalog })]],
    });

    // Each title twice: the card extension, and the /ml tab's grid; and the
    // overview's maturity, drift and business-value cards once.
    await waitFor(() =>
      expect(cardHeadings()).toEqual(
        sorted([
          ...cardTitles.MLModel,
          ...cardTitles.MLModel,
          'MLOps maturity',
          'Drift health',
          'Business value',
        ]),
      ),
    );
  });

  it('shows the use-case cards on an MLUseCase and no other card', async () => {
    renderEntityPage(churnUseCase, cards);

    await waitFor(() =>
      expect(cardHeadings()).toEqual(sorted(cardTitles.MLUseCase)),
    );
    const acceptance = within(
      screen.getByTestId('mlops-acceptance-criteria-card'),
    );
    expect((await acceptance.findAllByText('Failed')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows the model cards on an MLModel and no other card', async () => {
    renderEntityPage(churnGbm, cards);

    await waitFor(() =>
      expect(cardHeadings()).toEqual(sorted(cardTitles.MLModel)),
    );
  });

  it('shows the monitor cards on an MLMonitor and no other card', async () => {
    renderEntityPage(churnDriftMonitor, cards);

    await waitFor(() =>
      expect(cardHeadings()).toEqual(sorted(cardTitles.MLMonitor)),
    );
  });

  it('filters every card and tab out for an entity of another kind', async () => {
    renderEntityPage(scoringService, [...cards, ...contents]);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('puts the short cards in the info column and the rest in the content area', () => {
    const typeOf = (card: ExtensionDefinition) =>
      createExtensionTester(card).get(EntityCardBlueprint.dataRefs.type);

    expect(cards.map(typeOf)).toEqual([
      'content',
      'content',
      'content',
      'info',
      'info',
      'content',
      'content',
      'content',
      'info',
      'content',
    ]);
  });

  it("titles each kind's tab, mounts it at /ml and puts it in the Overview tab's menu", () => {
    const tab = (content: ExtensionDefinition) => {
      const tester = createExtensionTester(content);
      return [
        tester.get(EntityContentBlueprint.dataRefs.title),
        tester.get(coreExtensionData.routePath),
        tester.get(EntityContentBlueprint.dataRefs.group),
      ];
    };

    // One tab fewer in the bar, so that a use case's fits at 1024 px.
    expect(contents.map(tab)).toEqual([
      ['ML use case', '/ml', 'overview'],
      ['ML model', '/ml', 'overview'],
      ['ML monitor', '/ml', 'overview'],
    ]);
  });

  it.each([
    ['MLUseCase', churnUseCase],
    ['MLModel', churnGbm],
    ['MLMonitor', churnDriftMonitor],
  ] as const)(
    'renders every card of an %s in its tab',
    async (kind, entity) => {
      renderEntityPage(entity, contents);

      await waitFor(() =>
        expect(cardHeadings()).toEqual(sorted(cardTitles[kind])),
      );
    },
  );
});
