import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderTestApp } from '@backstage/frontend-test-utils';
import unprocessedEntitiesPlugin from '@backstage/plugin-catalog-unprocessed-entities/alpha';
import { catalogUnprocessedEntitiesApiRef } from '@backstage/plugin-catalog-unprocessed-entities';

// The first render loads the app's lazy pages; slow on a busy CI machine.
jest.setTimeout(30_000);

const rejected = {
  entity_id: 'b3d1',
  // Empty for an entity that never passed validation: the catalog has no
  // valid version to name it by.
  entity_ref: '',
  location_key: 'file:/catalog/examples/registration-mistakes.yaml',
  last_discovery_at: '2026-11-27T10:00:00.000Z',
  next_update_at: '2026-11-27T10:02:00.000Z',
  unprocessed_entity: {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'upsell-propensity-draft' },
    spec: { owner: 'group:customer-analytics' },
  },
  errors: [
    {
      name: 'InputError',
      message:
        'Processor MlopsEntitiesProcessor threw an error while validating the entity mlmodel:default/upsell-propensity-draft; caused by MlopsEntityValidationError: Invalid MLModel entity mlmodel:default/upsell-propensity-draft: spec.metrcs is not a known field; did you mean "metrics"?',
      cause: {
        name: 'MlopsEntityValidationError',
        message:
          'Invalid MLModel entity mlmodel:default/upsell-propensity-draft: spec.metrcs is not a known field; did you mean "metrics"?',
        stack: '',
      },
    },
  ],
};

// The whole app renders: slow on a busy CI machine.
jest.setTimeout(60_000);

describe('the unprocessed-entities page of the demo portal', () => {
  it('lists an ML entity the catalog rejected under Pending, with its kind and owner', async () => {
    await renderTestApp({
      features: [unprocessedEntitiesPlugin],
      config: { app: { extensions: ['page:catalog-unprocessed-entities'] } },
      initialRouteEntries: ['/catalog-unprocessed-entities'],
      apis: [
        [
          catalogUnprocessedEntitiesApiRef,
          {
            pending: async () => ({
              type: 'pending' as const,
              entities: [rejected],
            }),
            failed: async () => ({ type: 'failed' as const, entities: [] }),
            delete: async () => {},
          },
        ],
      ],
    });

    await userEvent.click(
      await screen.findByRole('tab', { name: /Pending/ }, { timeout: 20_000 }),
    );
    const row = await screen.findByRole(
      'row',
      { name: /MLModel/ },
      { timeout: 20_000 },
    );
    expect(within(row).getByText('group:customer-analytics')).toBeVisible();
  });
});
