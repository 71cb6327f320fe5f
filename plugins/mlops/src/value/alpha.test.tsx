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
} from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';

const card = mlopsPlugin.getExtension('entity-card:mlops/value');
const tab = mlopsPlugin.getExtension('entity-content:mlops/value');

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

describe('business value in the new frontend system', () => {
  it('puts the card in the content area and the tab "Value" at /value', () => {
    expect(
      createExtensionTester(card).get(EntityCardBlueprint.dataRefs.type),
    ).toBe('content');
    const tester = createExtensionTester(tab);
    expect([
      tester.get(EntityContentBlueprint.dataRefs.title),
      tester.get(coreExtensionData.routePath),
    ]).toEqual(['Value', '/value']);
  });

  it("shows a use case's KPIs on its overview", async () => {
    const api = renderEntityPage(churnUseCase, [card]);

    const shown = within(await screen.findByTestId('mlops-value-card'));
    const churn = within(
      await shown.findByRole('region', { name: 'Monthly churn rate' }),
    );
    expect(churn.getByTestId('mlops-kpi-status')).toHaveTextContent('On track');
    expect(api.getUseCaseValue).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('shows on a model the KPIs of its use case', async () => {
    const api = renderEntityPage(churnGbm, [card]);

    expect(
      await within(await screen.findByTestId('mlops-value-card')).findByText(
        '50 % of the way to target',
      ),
    ).toBeVisible();
    expect(api.getUseCaseValue).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('shows the Value tab with the check-in and the history on a use case', async () => {
    renderEntityPage(churnUseCase, [tab]);

    expect(await screen.findByTestId('mlops-value-check-in')).toBeVisible();
    expect(await screen.findByTestId('mlops-value-history')).toBeVisible();
  });

  it('leaves monitors alone', async () => {
    const api = renderEntityPage(churnDriftMonitor, [card, tab]);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(api.getUseCaseValue).not.toHaveBeenCalled();
  });
});
