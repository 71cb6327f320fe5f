import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MlopsPage } from './MlopsOverview';
import { overview } from '../__testUtils__/maturityFixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

describe('the organisation MLOps page', () => {
  it('summarises the organisation and lists every team with its distribution and score', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<MlopsPage />, { api });

    const summary = await screen.findByTestId('mlops-org-summary');
    expect(summary).toHaveTextContent(
      `Entities${overview.summary.entityCount}`,
    );
    expect(summary).toHaveTextContent('Teams2');

    const teams = screen.getByTestId('mlops-org-teams');
    const rows = within(teams).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('retention-analytics');
    expect(rows[0]).toHaveTextContent(
      'level 0: 1, level 1: 1, level 2: 1, level 3: 1, level 4: 0',
    );
    expect(rows[1]).toHaveTextContent('fraud-detection');
    expect(rows[1]).toHaveTextContent('93');

    expect(
      within(screen.getByTestId('mlops-org-biggest-drops')).getByText(
        'churn-logit',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Stage funnel' }),
    ).toBeInTheDocument();
  });

  it('asks again for another period and kind', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<MlopsPage />, { api });
    await screen.findByTestId('mlops-org-summary');

    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    fireEvent.click(screen.getByRole('button', { name: 'Monitors' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith({
        days: 90,
        kind: 'MLMonitor',
      }),
    );
  });
});
