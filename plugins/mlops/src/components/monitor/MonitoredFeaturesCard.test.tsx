import { screen, within } from '@testing-library/react';
import { churnDriftMonitor } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { MonitoredFeaturesCard } from './MonitoredFeaturesCard';

describe('MonitoredFeaturesCard', () => {
  it('lists each feature with its statistic and thresholds', async () => {
    await renderEntityCard(<MonitoredFeaturesCard />, {
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByRole('heading', { name: 'Monitored features' }),
    ).toBeInTheDocument();
    const row = within(screen.getByRole('row', { name: /^tenure-months/ }));
    expect(row.getAllByRole('cell').map(cell => cell.textContent)).toEqual([
      'tenure-months',
      'numerical',
      'kolmogorov-smirnov',
      '≥ 0.1',
      '≥ 0.2',
    ]);
    expect(
      screen.getByRole('row', { name: /^plan categorical chi-square/ }),
    ).toBeInTheDocument();
  });

  it('says which way each threshold is reached, both bounds of a band', async () => {
    await renderEntityCard(<MonitoredFeaturesCard />, {
      entity: {
        ...churnDriftMonitor,
        spec: {
          ...churnDriftMonitor.spec,
          type: 'performance',
          features: [
            {
              name: 'recall',
              statistic: 'metric',
              direction: 'below',
              warning: 0.75,
              alert: 0.7,
            },
            {
              name: 'forecast_bias',
              statistic: 'metric',
              direction: 'outside',
              warning: [-0.03, 0.03],
              alert: [-0.05, 0.05],
            },
          ],
        },
      },
    });

    await screen.findByRole('heading', { name: 'Monitored features' });
    const cells = (name: RegExp) =>
      within(screen.getByRole('row', { name }))
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(/^recall/)).toEqual([
      'recall',
      '',
      'metric',
      '≤ 0.75',
      '≤ 0.7',
    ]);
    expect(cells(/^forecast_bias/)).toEqual([
      'forecast_bias',
      '',
      'metric',
      '≤ -0.03 or ≥ 0.03',
      '≤ -0.05 or ≥ 0.05',
    ]);
  });
});
