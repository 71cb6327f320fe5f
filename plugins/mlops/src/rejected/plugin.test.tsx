import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { EntitySwitch, isKind } from '@backstage/plugin-catalog';
import { EntityRejectedEntitiesCard } from '../index';
import { MlopsOverview } from '../maturity';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

const customerAnalytics: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'customer-analytics', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('rejected ML entities in the legacy frontend system', () => {
  it("shows a group's rejected entities on its page, wired as the README shows", async () => {
    await renderWithMlops(
      <EntitySwitch>
        <EntitySwitch.Case if={isKind('group')}>
          <EntityRejectedEntitiesCard />
        </EntitySwitch.Case>
      </EntitySwitch>,
      { api: mockMlopsApi(), entity: customerAnalytics },
    );

    const card = within(await screen.findByTestId('mlops-rejected-entities'));
    expect(
      await card.findByRole('heading', { name: 'Upsell propensity (draft)' }),
    ).toBeVisible();
  });

  it('lists the rejected entities of every owner on the /mlops page (the content of MlopsPage)', async () => {
    await renderWithMlops(<MlopsOverview />, { api: mockMlopsApi() });

    const section = within(
      await screen.findByTestId('mlops-org-rejected-entities'),
    );
    expect(
      await section.findByRole('heading', { name: 'upsell-propensity-drift' }),
    ).toBeVisible();
    expect(section.getByRole('link', { name: 'ml-platform' })).toBeVisible();
  });
});
