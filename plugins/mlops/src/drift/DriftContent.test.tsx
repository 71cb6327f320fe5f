import { fireEvent, screen, within } from '@testing-library/react';
import { DriftContent } from './DriftContent';
import { churnDriftMonitor } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnInputDriftHealth,
  forecastBiasHealth,
  forecastBiasSeries,
} from './__testUtils__/driftFixtures';

describe("the monitor's drift tab", () => {
  it("charts each feature's statistic against its warning and alert thresholds", async () => {
    const api = mockMlopsApi({
      getDriftHealth: jest.fn().mockResolvedValue(churnInputDriftHealth),
    });
    await renderWithMlops(<DriftContent />, { api, entity: churnDriftMonitor });

    const chart = within(
      await screen.findByTestId('mlops-drift-series-care_contacts_30d'),
    );
    expect(
      chart.getByRole('heading', { name: 'care_contacts_30d', level: 2 }),
    ).toBeInTheDocument();
    expect(chart.getByText('warning at ≥ 0.1')).toBeInTheDocument();
    expect(chart.getByText('alert at ≥ 0.2')).toBeInTheDocument();
    expect(
      chart.getByText('Latest 0.31 (Alert) at 26 Nov 2026, 06:00 UTC.'),
    ).toBeInTheDocument();
    expect(
      chart.getByText(
        '3 observations in the last 30 days: 1 in alert, 1 in warning.',
      ),
    ).toBeInTheDocument();
    expect(
      chart.getByRole('img', {
        name: /^care_contacts_30d, Kolmogorov–Smirnov over the last 30 days/,
      }),
    ).toBeInTheDocument();
    // The alerting feature first, though the backend listed it second.
    expect(
      screen
        .getAllByTestId(/^mlops-drift-series-/)
        .map(card => card.getAttribute('data-testid')),
    ).toEqual([
      'mlops-drift-series-care_contacts_30d',
      'mlops-drift-series-tenure_months',
    ]);
    expect(api.getDriftSeries).toHaveBeenCalledWith(
      'mlmonitor:default/churn-gbm-drift',
      30,
    );
  });

  it('draws both bounds of a band, for the warning and the alert, and says them in words', async () => {
    await renderWithMlops(<DriftContent />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(forecastBiasHealth),
        getDriftSeries: jest.fn().mockResolvedValue(forecastBiasSeries),
      }),
      entity: churnDriftMonitor,
    });

    const chart = within(
      await screen.findByTestId('mlops-drift-series-forecast_bias'),
    );
    // A line named at the right edge for each bound of each band.
    for (const line of [
      'warning at ≤ -0.03',
      'warning at ≥ 0.03',
      'alert at ≤ -0.05',
      'alert at ≥ 0.05',
    ]) {
      expect(chart.getByText(line)).toBeInTheDocument();
    }
    const thresholds =
      'Thresholds: warning at ≤ -0.03 or ≥ 0.03, alert at ≤ -0.05 or ≥ 0.05.';
    expect(chart.getByText(thresholds)).toBeInTheDocument();
    expect(
      chart.getByRole('img', {
        name: `forecast_bias, Metric over the last 30 days. Latest -0.04 (Warning) at 26 Nov 2026, 06:00 UTC. 3 observations in the last 30 days: 1 in alert, 1 in warning. ${thresholds}`,
      }),
    ).toBeInTheDocument();
    // The lower bounds are drawn below the upper ones, the alert band outside the warning band.
    const heights = Object.fromEntries(
      [
        'warning at ≤ -0.03',
        'warning at ≥ 0.03',
        'alert at ≤ -0.05',
        'alert at ≥ 0.05',
      ].map(line => [line, Number(chart.getByText(line).getAttribute('y'))]),
    );
    expect(heights['alert at ≤ -0.05']).toBeGreaterThan(
      heights['warning at ≤ -0.03'],
    );
    expect(heights['warning at ≤ -0.03']).toBeGreaterThan(
      heights['warning at ≥ 0.03'],
    );
    expect(heights['warning at ≥ 0.03']).toBeGreaterThan(
      heights['alert at ≥ 0.05'],
    );
  });

  it('shows the health card above the charts', async () => {
    await renderWithMlops(<DriftContent />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnInputDriftHealth),
      }),
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByTestId('mlops-drift-health-card'),
    ).toBeInTheDocument();
  });

  it('asks for a longer period when the user picks one', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<DriftContent />, { api, entity: churnDriftMonitor });

    fireEvent.click(await screen.findByRole('button', { name: '90 days' }));
    expect(
      await screen.findByText(
        '3 observations in the last 90 days: 1 in alert, 1 in warning.',
      ),
    ).toBeInTheDocument();
    expect(api.getDriftSeries).toHaveBeenLastCalledWith(
      'mlmonitor:default/churn-gbm-drift',
      90,
    );
  });

  it('says so when no feature has observations', async () => {
    await renderWithMlops(<DriftContent />, {
      api: mockMlopsApi({
        getDriftSeries: jest.fn().mockResolvedValue({
          monitor: 'mlmonitor:default/churn-gbm-drift',
          days: 30,
          resolution: 'raw',
          features: [],
        }),
      }),
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByText(
        'No feature of this monitor has observations yet.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the series cannot be read', async () => {
    const error = await responseError(403, 'NotAllowedError');
    await renderWithMlops(<DriftContent />, {
      api: mockMlopsApi({ getDriftSeries: jest.fn().mockRejectedValue(error) }),
      entity: churnDriftMonitor,
    });

    expect(await screen.findByText('403: NotAllowedError')).toBeInTheDocument();
  });
});
