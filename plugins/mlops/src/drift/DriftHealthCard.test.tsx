import { screen, within } from '@testing-library/react';
import { DriftHealthCard } from './DriftHealthCard';
import { churnDriftMonitor, churnGbm } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnInputDriftHealth,
  forecastBiasHealth,
  noObservationsHealth,
} from './__testUtils__/driftFixtures';

/** The feature names of a monitor's table, top to bottom. */
function featureOrder(monitorTitle: string): string[] {
  const table = screen.getByRole('table', {
    name: `Features of ${monitorTitle}`,
  });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(
      row =>
        (row as HTMLTableRowElement).cells[0].firstChild?.textContent ?? '',
    );
}

describe('the drift-health card', () => {
  it("shows a model's overall state in words, when it was evaluated, and its monitors worst first", async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<DriftHealthCard />, { api, entity: churnGbm });

    const card = within(await screen.findByTestId('mlops-drift-health-card'));
    expect(
      card.getByRole('heading', { name: 'Drift health', level: 2 }),
    ).toBeInTheDocument();
    expect(card.getByTestId('mlops-drift-state')).toHaveTextContent('Alert');
    expect(
      card.getByText('Last evaluated 26 Nov 2026, 06:05 UTC'),
    ).toBeInTheDocument();
    expect(
      card.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Churn GBM input drift', 'Churn GBM performance']);
    expect(
      card.getByRole('link', { name: 'Churn GBM input drift' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlmonitor/churn-gbm-input-drift',
    );
    expect(api.getDriftHealth).toHaveBeenCalledWith(
      'mlmodel:default/churn-gbm',
    );
  });

  it('states the share of drifted features against the dataset rule', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    expect(
      await screen.findByText(
        /^3 of 5 features drifted; dataset drift when at least half do/,
      ),
    ).toHaveTextContent('— dataset drift.');
  });

  it('lists features by severity: alerts, then warnings, then healthy ones', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    await screen.findByTestId('mlops-drift-state');
    expect(featureOrder('Churn GBM input drift')).toEqual([
      'care_contacts_30d',
      'price_plan',
      'monthly_data_gb',
      'contract_type',
      'tenure_months',
    ]);
  });

  it('shows method, statistic, p-value, thresholds and state of each feature', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    const table = await screen.findByRole('table', {
      name: 'Features of Churn GBM input drift',
    });
    const row = within(
      within(table).getByText('care_contacts_30d').closest('tr')!,
    );
    expect(row.getByText('Kolmogorov–Smirnov')).toBeInTheDocument();
    expect(row.getByText('0.31 (p < 0.001)')).toBeInTheDocument();
    expect(row.getByText('warning at ≥ 0.1')).toBeInTheDocument();
    expect(row.getByText('alert at ≥ 0.2')).toBeInTheDocument();
    expect(row.getByText('Alert')).toBeInTheDocument();
    expect(
      row.getByRole('img', {
        name: 'care_contacts_30d, last 3 values: from 0.05 to 0.31, lowest 0.05, highest 0.31',
      }),
    ).toBeInTheDocument();
  });

  it('shows thresholds of a metric that worsens downwards', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    const table = await screen.findByRole('table', {
      name: 'Features of Churn GBM performance',
    });
    expect(within(table).getByText('warning at ≤ 0.75')).toBeInTheDocument();
    expect(within(table).getByText('alert at ≤ 0.7')).toBeInTheDocument();
    expect(within(table).getByText('Warning')).toBeInTheDocument();
  });

  it('shows both bounds of a metric that must stay inside a band, in words and on its sparkline', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(forecastBiasHealth),
      }),
      entity: churnDriftMonitor,
    });

    const table = await screen.findByRole('table', {
      name: 'Features of Store demand bias',
    });
    expect(
      within(table).getByText('warning at ≤ -0.03 or ≥ 0.03'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('alert at ≤ -0.05 or ≥ 0.05'),
    ).toBeInTheDocument();
    expect(within(table).getByText('Warning')).toBeInTheDocument();
    const sparkline = within(table).getByRole('img', {
      name: /^forecast_bias, last 3 values/,
    });
    // One dashed line at each bound of the alert band.
    expect(sparkline.querySelectorAll('line')).toHaveLength(2);
  });

  it("shows each monitor's reference and current windows with their row counts", async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    const input = within(
      await screen.findByRole('region', { name: 'Churn GBM input drift' }),
    );
    expect(
      input.getByText('Reference: 1 Sept 2026 – 30 Sept 2026, 48,000 rows'),
    ).toBeInTheDocument();
    expect(
      input.getByText('Current: 26 Nov 2026 – 26 Nov 2026, 1,650 rows'),
    ).toBeInTheDocument();
    expect(
      input.getByText(
        'Last observation 26 Nov 2026, 06:00 UTC; expected daily.',
      ),
    ).toBeInTheDocument();
    const performance = within(
      screen.getByRole('region', { name: 'Churn GBM performance' }),
    );
    expect(
      performance.getByText('Current: 16 Nov 2026 – 22 Nov 2026, 610 rows'),
    ).toBeInTheDocument();
  });

  it('gives the windows per group of features when features differ in them', async () => {
    const [first, ...rest] = churnInputDriftHealth.monitors[0].features;
    const health = {
      ...churnInputDriftHealth,
      monitors: [
        {
          ...churnInputDriftHealth.monitors[0],
          features: [{ ...first, currentRows: 900 }, ...rest],
        },
      ],
    };
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(health),
      }),
      entity: churnDriftMonitor,
    });

    const section = within(
      await screen.findByRole('region', { name: 'Churn GBM input drift' }),
    );
    expect(
      section.getByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'tenure_months: reference 1 Sept 2026 – 30 Sept 2026, 48,000 rows; current 26 Nov 2026 – 26 Nov 2026, 900 rows',
      ),
    ).toBeInTheDocument();
    expect(
      section.getByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'monthly_data_gb, care_contacts_30d, contract_type, price_plan: reference 1 Sept 2026 – 30 Sept 2026, 48,000 rows; current 26 Nov 2026 – 26 Nov 2026, 1,650 rows',
      ),
    ).toBeInTheDocument();
  });

  it('shows a monitor on its own page without linking to itself', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnInputDriftHealth),
      }),
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByRole('heading', {
        name: 'Churn GBM input drift',
        level: 3,
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Churn GBM input drift' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['healthy', 'Healthy'],
    ['warning', 'Warning'],
    ['stale', 'Stale'],
  ] as const)('names the %s state in words', async (state, word) => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest
          .fn()
          .mockResolvedValue({ ...churnInputDriftHealth, state }),
      }),
      entity: churnDriftMonitor,
    });

    expect(await screen.findByTestId('mlops-drift-state')).toHaveTextContent(
      word,
    );
  });

  it('tells the owner how to push observations when none arrived', async () => {
    await renderWithMlops(
      <DriftHealthCard docsUrl="https://docs.example.com/drift" />,
      {
        api: mockMlopsApi({
          getDriftHealth: jest.fn().mockResolvedValue(noObservationsHealth),
        }),
        entity: churnGbm,
      },
    );

    const empty = within(await screen.findByTestId('mlops-drift-empty'));
    expect(empty.getByText('No drift observations yet')).toBeInTheDocument();
    expect(
      empty.getByText(/"monitor": "mlmonitor:default\/churn-gbm-input-drift"/),
    ).toBeInTheDocument();
    expect(
      empty.getByRole('link', { name: /the drift documentation/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/drift');
    expect(screen.queryByTestId('mlops-drift-state')).not.toBeInTheDocument();
  });

  it('names docs/drift.md when the app gives no documentation address', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(noObservationsHealth),
      }),
      entity: churnGbm,
    });

    expect(await screen.findByText('docs/drift.md')).toBeInTheDocument();
  });

  it('says how to add a monitor to a model that has none', async () => {
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue({
          entityRef: 'mlmodel:default/churn-gbm',
          state: 'no-data',
          monitors: [],
        }),
      }),
      entity: churnGbm,
    });

    expect(
      await screen.findByText('No monitor watches this model'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('spec.model: mlmodel:default/churn-gbm'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const error = await responseError(503, 'ServiceUnavailableError');
    await renderWithMlops(<DriftHealthCard />, {
      api: mockMlopsApi({ getDriftHealth: jest.fn().mockRejectedValue(error) }),
      entity: churnGbm,
    });

    expect(
      await screen.findByText('503: ServiceUnavailableError'),
    ).toBeInTheDocument();
  });
});
