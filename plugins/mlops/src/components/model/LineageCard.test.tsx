import { screen, within } from '@testing-library/react';
import { churnGbm, churnLogit } from '../../__testUtils__/fixtures';
import { metadataValue } from '../../__testUtils__/metadataValue';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { LineageCard } from './LineageCard';

describe('LineageCard', () => {
  it('links the use case, datasets, serving component and monitors of the model', async () => {
    await renderEntityCard(<LineageCard />, { entity: churnGbm });

    const card = within(await screen.findByTestId('mlops-lineage-card'));
    expect(card.getByRole('heading', { name: 'Lineage' })).toBeInTheDocument();
    const hrefs = card.getAllByRole('link').map(a => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/catalog/default/mlusecase/churn-prevention',
      '/catalog/default/resource/subscriber-events',
      '/catalog/default/component/churn-scoring-service',
      '/catalog/default/mlmonitor/churn-gbm-drift',
    ]);
  });

  it('puts several entities one per line, without separators to wrap', async () => {
    await renderEntityCard(<LineageCard />, {
      entity: {
        ...churnGbm,
        relations: [
          ...churnGbm.relations!,
          { type: 'dependsOn', targetRef: 'resource:default/crm-contracts' },
        ],
      },
    });

    const datasets = metadataValue(
      await screen.findByTestId('mlops-lineage-card'),
      'Datasets',
    );
    expect(
      within(datasets)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['subscriber-events', 'crm-contracts']);
    expect(datasets.textContent).not.toContain(',');
  });

  it('says none where the model has no such relation', async () => {
    await renderEntityCard(<LineageCard />, { entity: churnLogit });

    const card = within(await screen.findByTestId('mlops-lineage-card'));
    expect(card.getAllByText('None')).toHaveLength(3);
    expect(card.getAllByRole('link')).toHaveLength(1);
  });
});
