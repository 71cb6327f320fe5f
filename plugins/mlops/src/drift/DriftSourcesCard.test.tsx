import { fireEvent, screen, within } from '@testing-library/react';
import { churnDriftMonitor } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { DriftContent } from './DriftContent';
import { DriftSourcesCard } from './DriftSourcesCard';
import { churnSourceStatus } from './__testUtils__/sourceFixtures';

/** churn-gbm-drift bound to Prometheus, one query per feature. */
const boundMonitor = {
  ...churnDriftMonitor,
  spec: {
    ...churnDriftMonitor.spec,
    source: {
      prometheus: {
        instance: 'production',
        features: [
          {
            name: 'tenure-months',
            query: 'max(churn_feature_ks_p_value{feature="tenure_months"})',
          },
          { name: 'plan', query: 'max(churn_feature_chi2_p{feature="plan"}' },
        ],
      },
    },
  },
};

/** The cells of a binding's row, by column. */
async function row(binding: string) {
  const table = await screen.findByRole('table', {
    name: 'Source bindings of churn-gbm-drift',
  });
  const found = within(table)
    .getAllByRole('row')
    .find(r => within(r).queryByText(binding));
  if (!found) throw new Error(`No row for ${binding}`);
  const [name, lastPull, imported, skipped, error] = within(found)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
  return { name, lastPull, imported, skipped, error };
}

describe("the source bindings on a monitor's drift tab", () => {
  it('shows per binding the last pull, the samples imported and skipped, and the last error verbatim', async () => {
    const api = mockMlopsApi({
      getDriftSourceStatus: jest.fn().mockResolvedValue(churnSourceStatus),
    });
    await renderWithMlops(<DriftSourcesCard />, {
      api,
      entity: boundMonitor,
    });

    expect(await row('tenure-months')).toEqual({
      name: 'tenure-monthsprometheus instance "production": max(churn_feature_ks_p_value{feature="tenure_months"})',
      lastPull:
        'Imported9 Dec 2026, 10:15 UTCimported through 9 Dec 2026, 10:00 UTC',
      imported: '4 samples1,254 in all',
      skipped: '1 sampleNaN or infinite',
      error:
        '7 Dec 2026, 08:00 UTCPrometheus instance "production" did not answer after 3 attempts: no answer within 30000 ms',
    });
    expect(await row('plan')).toMatchObject({
      lastPull:
        'Failed9 Dec 2026, 10:15 UTCimported through 8 Dec 2026, 23:00 UTC',
      imported: '0 samples1,250 in all',
      skipped: '0 samples',
      error:
        '9 Dec 2026, 10:15 UTCPrometheus instance "production" refused the query: bad_data: invalid parameter "query": 1:39: parse error: unclosed left parenthesis',
    });
    expect(await row('segment_mix')).toMatchObject({
      lastPull:
        'No data9 Dec 2026, 10:15 UTCimported through 9 Dec 2026, 10:00 UTC',
      error: 'None',
    });
    expect(api.getDriftSourceStatus).toHaveBeenCalledWith(
      'mlmonitor:default/churn-gbm-drift',
    );
  });

  it('says when the bindings were not pulled yet', async () => {
    await renderWithMlops(<DriftSourcesCard />, {
      api: mockMlopsApi({
        getDriftSourceStatus: jest.fn().mockResolvedValue({
          monitor: 'mlmonitor:default/churn-gbm-drift',
          bindings: [],
        }),
      }),
      entity: boundMonitor,
    });
    expect(await screen.findByText(/^Not pulled yet/)).toBeInTheDocument();
  });

  it('shows why the status could not be read', async () => {
    await renderWithMlops(<DriftSourcesCard />, {
      api: mockMlopsApi({
        getDriftSourceStatus: jest
          .fn()
          .mockRejectedValue(
            await responseError(503, 'ServiceUnavailableError'),
          ),
      }),
      entity: boundMonitor,
    });
    expect(
      await screen.findByText('503: ServiceUnavailableError'),
    ).toBeInTheDocument();
  });

  it('is on the drift tab of a monitor bound to a source, and of no other', async () => {
    const api = mockMlopsApi();
    const { unmount } = await renderWithMlops(<DriftContent />, {
      api,
      entity: boundMonitor,
    });
    expect(
      await screen.findByTestId('mlops-drift-sources'),
    ).toBeInTheDocument();
    unmount();

    await renderWithMlops(<DriftContent />, {
      api,
      entity: churnDriftMonitor,
    });
    await screen.findByTestId('mlops-alert-deliveries');
    expect(screen.queryByTestId('mlops-drift-sources')).not.toBeInTheDocument();
  });

  describe('the dry run', () => {
    const refused =
      'Prometheus instance "production" refused the query: bad_data: invalid parameter "query": 1:39: parse error: unclosed left parenthesis';

    it('runs the bindings when pressed and announces what each would import, or the error verbatim', async () => {
      const api = mockMlopsApi({
        getDriftSourceStatus: jest.fn().mockResolvedValue(churnSourceStatus),
        dryRunDriftSource: jest.fn().mockResolvedValue({
          monitor: 'mlmonitor:default/churn-gbm-drift',
          bindings: [
            {
              source: 'prometheus',
              binding: 'tenure-months',
              description: 'instance "production": max(psi)',
              samples: 71,
              skipped: 1,
              from: '2026-11-20T00:00:00.000Z',
              to: '2026-11-22T23:00:00.000Z',
              observations: [
                {
                  feature: 'tenure-months',
                  observedAt: '2026-11-22T23:00:00.000Z',
                  pValue: 0.004,
                },
              ],
            },
            {
              source: 'prometheus',
              binding: 'plan',
              samples: 0,
              skipped: 0,
              observations: [],
              error: refused,
            },
          ],
        }),
      });
      await renderWithMlops(<DriftSourcesCard />, {
        api,
        entity: boundMonitor,
      });

      fireEvent.click(
        await screen.findByRole('button', {
          name: "Dry run churn-gbm-drift's bindings",
        }),
      );

      expect(api.dryRunDriftSource).toHaveBeenCalledWith({
        monitor: 'mlmonitor:default/churn-gbm-drift',
      });
      const announced = screen.getByRole('status');
      const table = await within(announced).findByRole('table', {
        name: "Dry run of churn-gbm-drift's bindings",
      });
      const cells = (binding: string) =>
        within(
          within(table)
            .getAllByRole('row')
            .find(r => within(r).queryByText(binding))!,
        )
          .getAllByRole('cell')
          .map(cell => cell.textContent);
      expect(cells('tenure-months')).toEqual([
        'tenure-monthsprometheus instance "production": max(psi)',
        '71 samples20 Nov 2026, 00:00 UTC to 22 Nov 2026, 23:00 UTC',
        '1 sampleNaN or infinite',
        'p-value 0.00422 Nov 2026, 23:00 UTC',
      ]);
      expect(cells('plan')).toEqual([
        'planprometheus',
        refused,
        '0 samples',
        '—',
      ]);
      expect(within(announced).getByText(/Nothing was stored/)).toBeVisible();
    });

    it("says why it was refused, in the backend's words", async () => {
      const forbidden = await responseError(403, 'NotAllowedError');
      await renderWithMlops(<DriftSourcesCard />, {
        api: mockMlopsApi({
          dryRunDriftSource: jest.fn().mockRejectedValue(forbidden),
        }),
        entity: boundMonitor,
      });
      fireEvent.click(await screen.findByRole('button', { name: /^Dry run/ }));
      expect(
        await within(screen.getByRole('status')).findByText(
          'The dry run failed: NotAllowedError from the mlops backend',
        ),
      ).toBeInTheDocument();
    });
  });
});
