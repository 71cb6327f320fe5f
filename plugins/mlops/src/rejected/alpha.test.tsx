import { screen, within } from '@testing-library/react';
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
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import mlopsPlugin from '../alpha';
import { mlopsApiRef } from '../api';
import { churnGbm } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';

const card = mlopsPlugin.getExtension('entity-card:mlops/rejected-entities');

const customerAnalytics: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'customer-analytics', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function renderEntityPage(entity: Entity) {
  const api = mockMlopsApi();
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), card],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [entity] })],
      [mlopsApiRef, api],
    ],
  });
  return api;
}

describe('rejected ML entities in the new frontend system', () => {
  it('is a card of the content area', () => {
    expect(
      createExtensionTester(card).get(EntityCardBlueprint.dataRefs.type),
    ).toBe('content');
  });

  it("shows a group's rejected entities on its page", async () => {
    const api = renderEntityPage(customerAnalytics);

    const shown = within(await screen.findByTestId('mlops-rejected-entities'));
    expect(
      await shown.findByRole('heading', { name: 'Upsell propensity (draft)' }),
    ).toBeVisible();
    expect(shown.getByText('spec.metrcs')).toBeVisible();
    expect(api.getRejectedEntities).toHaveBeenCalledWith({
      owner: 'group:default/customer-analytics',
    });
  });

  it('is not on the page of an ML entity', async () => {
    const api = renderEntityPage(churnGbm);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByTestId('mlops-rejected-entities')).toBeNull();
    expect(api.getRejectedEntities).not.toHaveBeenCalled();
  });
});
