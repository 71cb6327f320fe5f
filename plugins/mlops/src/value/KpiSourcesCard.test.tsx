import { fireEvent, screen, within } from '@testing-library/react';
import type { MLUseCaseEntityV1alpha1 } from '@mlightenment/backstage-plugin-mlops-common';
import { churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { KpiSourcesCard } from './KpiSourcesCard';
import { ValueContent } from './ValueContent';

const QUERY = 'business:churn_rate_percent:30d';

/** churn-prevention with its churn rate pulled from Prometheus. */
const boundUseCase: MLUseCaseEntityV1alpha1 = {
  ...churnUseCase,
  spec: {
    ...churnUseCase.spec,
    businessDrivers: [
      {
        ...churnUseCase.spec.businessDrivers![0],
        prometheus: { instance: 'production', query: QUERY },
      },
    ],
  },
};

const refused =
  'Prometheus instance "production" refused the query: bad_data: 1:11: parse error: unexpected end of input';

/** The cells of a row of `table`, by the binding it names. */
const cells = (table: HTMLElement, binding: string) =>
  within(
    within(table)
      .getAllByRole('row')
      .find(r => within(r).queryByText(binding))!,
  )
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe("the KPI source bindings on a use case's value tab", () => {
  it('shows per KPI the last pull, the actuals recorded, and the last error verbatim', async () => {
    const api = mockMlopsApi({
      getKpiSourceStatus: jest.fn().mockResolvedValue({
        useCase: 'mlusecase:default/churn-prevention',
        bindings: [
          {
            source: 'prometheus',
            binding: 'monthly-churn-rate',
            description: `instance "production": ${QUERY}`,
            state: 'failed',
            lastPullAt: '2026-12-09T10:00:00.000Z',
            pulledThrough: '2026-11-01T00:00:00.000Z',
            imported: 0,
            skipped: 0,
            totalImported: 1,
            lastError: { at: '2026-12-09T10:00:00.000Z', message: refused },
          },
        ],
      }),
    });
    await renderWithMlops(<KpiSourcesCard />, { api, entity: boundUseCase });

    const table = await screen.findByRole('table', {
      name: 'KPI source bindings of churn-prevention',
    });
    expect(cells(table, 'monthly-churn-rate')).toEqual([
      `monthly-churn-rateprometheus instance "production": ${QUERY}`,
      'Failed9 Dec 2026, 10:00 UTCimported through 1 Nov 2026, 00:00 UTC',
      '0 actuals1 in all',
      '0 samples',
      `9 Dec 2026, 10:00 UTC${refused}`,
    ]);
    expect(api.getKpiSourceStatus).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('runs the KPI bindings when pressed and announces what each would record', async () => {
    const api = mockMlopsApi({
      dryRunKpiSource: jest.fn().mockResolvedValue({
        useCase: 'mlusecase:default/churn-prevention',
        bindings: [
          {
            source: 'prometheus',
            binding: 'monthly-churn-rate',
            description: `instance "production": ${QUERY}`,
            samples: 2,
            skipped: 0,
            from: '2026-10-01T00:00:00.000Z',
            to: '2026-12-01T00:00:00.000Z',
            actuals: [
              {
                kpi: 'monthly-churn-rate',
                periodStart: '2026-10-01',
                periodEnd: '2026-10-31',
                value: 2.6,
              },
              {
                kpi: 'monthly-churn-rate',
                periodStart: '2026-11-01',
                periodEnd: '2026-11-30',
                value: 2.545,
              },
            ],
          },
        ],
      }),
    });
    await renderWithMlops(<KpiSourcesCard />, { api, entity: boundUseCase });

    fireEvent.click(
      await screen.findByRole('button', {
        name: "Dry run churn-prevention's KPI bindings",
      }),
    );
    expect(api.dryRunKpiSource).toHaveBeenCalledWith({
      useCase: 'mlusecase:default/churn-prevention',
    });
    const table = await within(screen.getByRole('status')).findByRole('table', {
      name: "Dry run of churn-prevention's KPI bindings",
    });
    expect(cells(table, 'monthly-churn-rate')).toEqual([
      `monthly-churn-rateprometheus instance "production": ${QUERY}`,
      '2 actuals1 Oct 2026, 00:00 UTC to 1 Dec 2026, 00:00 UTC',
      '0 samples',
      '2.545period 2026-11-01 to 2026-11-30',
    ]);
  });

  it('is on the value tab of a use case whose KPIs a source pulls, and of no other', async () => {
    const api = mockMlopsApi();
    const { unmount } = await renderWithMlops(<ValueContent />, {
      api,
      entity: boundUseCase,
    });
    expect(await screen.findByTestId('mlops-kpi-sources')).toBeInTheDocument();
    unmount();

    await renderWithMlops(<ValueContent />, { api, entity: churnUseCase });
    await screen.findByTestId('mlops-value-content');
    expect(screen.queryByTestId('mlops-kpi-sources')).not.toBeInTheDocument();
  });
});
