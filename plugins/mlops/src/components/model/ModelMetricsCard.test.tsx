import { screen, within } from '@testing-library/react';
import { churnGbm, churnUseCase } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ModelMetricsCard } from './ModelMetricsCard';

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

describe('ModelMetricsCard', () => {
  it("checks each metric against the acceptance criteria of the model's use case", async () => {
    await renderEntityCard(<ModelMetricsCard />, {
      entity: churnGbm,
      catalog: [churnUseCase],
    });

    expect(
      await screen.findByText(
        'Checked against the acceptance criteria of use case churn-prevention',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Metrics' }),
    ).toBeInTheDocument();
    expect(cells(/^recall/)).toEqual([
      'recall / holdout-2026-09',
      '0.74',
      'recall >= 0.7 / Passed',
    ]);
    expect(cells(/^auc/)).toEqual(['auc', '0.88', 'auc >= 0.85 / Passed']);
    expect(cells(/^precision/)).toEqual([
      'precision',
      '0.61',
      'No criterion / Not applicable',
    ]);
  });

  it('lists the criteria the model declares no metric for as missing', async () => {
    await renderEntityCard(<ModelMetricsCard />, {
      entity: churnGbm,
      catalog: [churnUseCase],
    });

    await screen.findByRole('heading', { name: 'Metrics' });
    expect(
      await screen.findByRole('row', { name: /^p95-latency-ms/ }),
    ).toBeInTheDocument();
    expect(cells(/^p95-latency-ms/)).toEqual([
      'p95-latency-ms',
      '—',
      'p95-latency-ms <= 200 / Not reported',
    ]);
  });

  it('shows the metrics alone when the use case is not in the catalog', async () => {
    await renderEntityCard(<ModelMetricsCard />, { entity: churnGbm });

    expect(
      await screen.findByText(
        'Use case churn-prevention is not in the catalog, so no acceptance criteria apply',
      ),
    ).toBeInTheDocument();
    expect(cells(/^recall/)).toEqual([
      'recall / holdout-2026-09',
      '0.74',
      'No criterion / Not applicable',
    ]);
  });
});
