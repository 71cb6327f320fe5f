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
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import mlopsPlugin from '../alpha';
import { mlopsApiRef } from '../api';
import {
  churnDriftMonitor,
  churnGbm,
  churnUseCase,
} from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';

const tabs = [
  mlopsPlugin.getExtension('entity-content:mlops/gate-strategy'),
  mlopsPlugin.getExtension('entity-content:mlops/gate-prototyping'),
  mlopsPlugin.getExtension('entity-content:mlops/gate-operationalisation'),
];

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

describe('stage gates in the new frontend system', () => {
  it('provides a tab per framework stage, titled with the stage', () => {
    expect(
      tabs.map(tab => {
        const tester = createExtensionTester(tab);
        return [
          tester.get(EntityContentBlueprint.dataRefs.title),
          tester.get(coreExtensionData.routePath),
        ];
      }),
    ).toEqual([
      ['Stage 1 · Strategy', '/gate-strategy'],
      ['Stage 2 · Prototyping', '/gate-prototyping'],
      ['Stage 3 · Operationalisation', '/gate-operationalisation'],
    ]);
  });

  it.each([
    ['MLUseCase', churnUseCase],
    ['MLModel', churnGbm],
  ] as const)(
    'shows the gate of the first stage on an %s',
    async (_kind, entity) => {
      const api = renderEntityPage(entity, tabs);

      const gate = await screen.findByTestId('mlops-gate-strategy');
      expect(
        within(gate).getByRole('heading', {
          name: 'Stage 1: AI strategy, use case & operating model',
          level: 2,
        }),
      ).toBeInTheDocument();
      expect(
        within(gate).getByRole('button', { name: 'Approve' }),
      ).toBeEnabled();
      expect(api.getGates).toHaveBeenCalled();
    },
  );

  it('adds no gate tab to a monitor', async () => {
    const api = renderEntityPage(churnDriftMonitor, tabs);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(api.getGates).not.toHaveBeenCalled();
  });
});
