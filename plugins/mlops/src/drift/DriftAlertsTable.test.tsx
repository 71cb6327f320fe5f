import { screen, within } from '@testing-library/react';
import { DriftAlertsTable } from './DriftAlertsTable';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

describe('the drifting models of the organisation', () => {
  it('lists models in alert, then stale, then warning, with owner and monitors', async () => {
    await renderWithMlops(<DriftAlertsTable />, { api: mockMlopsApi() });

    const table = within(await screen.findByTestId('mlops-org-drift'));
    expect(
      table.getByRole('heading', { name: 'Models drifting', level: 2 }),
    ).toBeInTheDocument();
    await table.findByRole('link', { name: 'Churn GBM' });
    const rows = table.getAllByRole('row').slice(1);
    expect(
      rows.map(row => (row as HTMLTableRowElement).cells[0].textContent),
    ).toEqual([
      'Churn GBM',
      'Customer segmentation k-means',
      'Store demand LightGBM',
    ]);
    const churn = within(rows[0]);
    expect(churn.getAllByText('Alert')).toHaveLength(2);
    expect(churn.getByText('Warning')).toBeInTheDocument();
    expect(churn.getByText('retention-analytics')).toBeInTheDocument();
    expect(churn.getByText('churn-gbm-input-drift')).toBeInTheDocument();
    expect(churn.getByText('26 Nov 2026, 06:05 UTC')).toBeInTheDocument();
  });

  it('says when no model drifts', async () => {
    await renderWithMlops(<DriftAlertsTable />, {
      api: mockMlopsApi({
        getDriftAlerts: jest.fn().mockResolvedValue({ models: [] }),
      }),
    });

    expect(
      await screen.findByText('No model is in alert, stale or warning.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const error = await responseError(503, 'ServiceUnavailableError');
    await renderWithMlops(<DriftAlertsTable />, {
      api: mockMlopsApi({ getDriftAlerts: jest.fn().mockRejectedValue(error) }),
    });

    expect(
      await screen.findByText('503: ServiceUnavailableError'),
    ).toBeInTheDocument();
  });
});
