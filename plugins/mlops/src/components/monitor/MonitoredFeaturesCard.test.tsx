import { screen, within } from '@testing-library/react';
import { churnDriftMonitor } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { MonitoredFeaturesCard } from './MonitoredFeaturesCard';

/** Each cell's text; a cell of two lines as `first / second`. */
function cells(name: RegExp) {
  return within(screen.getByRole('row', { name }))
    .getAllByRole('cell')
    .map(cell => {
      const lines = [...cell.children].filter(c => c.tagName === 'DIV');
      return lines.length
        ? lines.map(line => line.textContent).join(' / ')
        : cell.textContent;
    });
}

describe('MonitoredFeaturesCard', () => {
  it('lists each feature with its statistic and thresholds', async () => {
    await renderEntityCard(<MonitoredFeaturesCard />, {
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByRole('heading', { name: 'Monitored features' }),
    ).toBeInTheDocument();
    expect(cells(/^tenure-months/)).toEqual([
      'tenure-months / numerical',
      'kolmogorov-smirnov',
      'warning at ≥ 0.1 / alert at ≥ 0.2',
    ]);
    expect(cells(/^plan/)).toEqual([
      'plan / categorical',
      'chi-square',
      expect.stringMatching(/^warning at .* \/ alert at /),
    ]);
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
    // A metric has no feature type.
    expect(cells(/^recall/)).toEqual([
      'recall',
      'metric',
      'warning at ≤ 0.75 / alert at ≤ 0.7',
    ]);
    expect(cells(/^forecast_bias/)).toEqual([
      'forecast_bias',
      'metric',
      'warning at ≤ -0.03 or ≥ 0.03 / alert at ≤ -0.05 or ≥ 0.05',
    ]);
  });
});
