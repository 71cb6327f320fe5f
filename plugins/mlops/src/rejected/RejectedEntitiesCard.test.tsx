import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  RejectedEntitiesCard,
  RejectedEntitiesSection,
} from './RejectedEntitiesCard';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

describe('the rejected ML entities on a Group page', () => {
  it('shows the group’s rejected entities with each problem’s field, message and line, and the file', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<RejectedEntitiesCard />, {
      api,
      entity: group('customer-analytics'),
    });

    const card = within(await screen.findByTestId('mlops-rejected-entities'));
    expect(
      card.getByRole('heading', { name: 'Rejected ML entities', level: 2 }),
    ).toBeInTheDocument();
    await card.findByRole('heading', {
      name: 'Upsell propensity (draft)',
      level: 3,
    });
    expect(api.getRejectedEntities).toHaveBeenCalledWith({
      owner: 'group:default/customer-analytics',
    });

    const [draft, segments] = card.getAllByTestId('mlops-rejected-entity');
    expect(within(draft).getByText(/Not in the catalog/)).toBeInTheDocument();
    expect(draft).toHaveTextContent(
      'In /srv/portal/examples/registration-mistakes.yaml, line 6',
    );
    const problem = within(draft).getByRole('listitem');
    expect(problem).toHaveTextContent(
      /^spec\.metrcs is not a known field; did you mean "metrics"\? .* \(line 17\)$/,
    );

    // Still served in a previous version: its page is a link away, and its
    // file an address.
    expect(
      within(segments).getByRole('link', { name: 'Customer segments' }),
    ).toHaveAttribute('href', '/catalog/default/mlmodel/customer-segments');
    expect(
      within(segments).getByText(/serves its previous version/),
    ).toBeInTheDocument();
    expect(
      within(segments).getByRole('link', { name: /catalog-info\.yaml$/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/northwind/customer-profiling/blob/main/catalog-info.yaml',
    );
    expect(
      within(segments)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'spec.metrics[0].value must be a number, got "high"',
      'Policy check failed for mlmodel:default/customer-segments',
    ]);
    // Another team's monitor is not this group's.
    expect(card.queryByText(/upsell-propensity-drift/)).not.toBeInTheDocument();
    expect(card.queryByText(/^Owner/)).not.toBeInTheDocument();
  });

  it('says none is rejected when the catalog accepted everything the group owns', async () => {
    await renderWithMlops(<RejectedEntitiesCard />, {
      api: mockMlopsApi(),
      entity: group('retention-analytics'),
    });

    expect(
      await screen.findByText(
        'None is rejected: the catalog accepted the YAML of every ML use case, model and monitor this group owns.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error, such as the missing catalog module', async () => {
    const error = await responseError(503, 'ServiceUnavailableError');
    await renderWithMlops(<RejectedEntitiesCard />, {
      api: mockMlopsApi({
        getRejectedEntities: jest.fn().mockRejectedValue(error),
      }),
      entity: group('customer-analytics'),
    });

    expect(
      await screen.findByText('503: ServiceUnavailableError'),
    ).toBeInTheDocument();
  });
});

describe('the rejected ML entities on the organisation page', () => {
  it('lists every rejected entity the caller may see with its owner', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<RejectedEntitiesSection />, { api });

    const section = within(
      await screen.findByTestId('mlops-org-rejected-entities'),
    );
    await section.findByRole('heading', {
      name: 'upsell-propensity-drift',
      level: 3,
    });
    expect(api.getRejectedEntities).toHaveBeenCalledWith({});
    expect(
      section
        .getAllByTestId('mlops-rejected-entity')
        .map(e => within(e).getByText(/^Owner/).textContent),
    ).toEqual([
      'Owner: customer-analytics',
      'Owner: customer-analytics',
      'Owner: ml-platform',
    ]);
  });
});
