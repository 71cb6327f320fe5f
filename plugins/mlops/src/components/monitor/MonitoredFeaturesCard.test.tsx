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
      '0.1',
      '0.2',
    ]);
    expect(
      screen.getByRole('row', { name: /^plan categorical chi-square/ }),
    ).toBeInTheDocument();
  });
});
