import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { ValueContent } from './ValueContent';
import { churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { churnHistory, churnValue } from './__testUtils__/valueFixtures';

async function renderTab(api = mockMlopsApi()) {
  await renderWithMlops(<ValueContent />, { api, entity: churnUseCase });
  await screen.findByTestId('mlops-value-content');
  return api;
}

function form() {
  return within(screen.getByTestId('mlops-value-check-in'));
}

function type(name: RegExp, value: string) {
  fireEvent.change(form().getByLabelText(name), { target: { value } });
}

/** The first and last day of this month in UTC, as the form proposes them. */
function thisMonth(): { start: string; end: string } {
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    start: day(new Date(Date.UTC(year, month, 1))),
    end: day(new Date(Date.UTC(year, month + 1, 0))),
  };
}

/** The error the client rejects with when the backend answers `status`. */
function refusal(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/mlops/value' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe("a use case's Value tab", () => {
  it('shows each KPI with its trend, larger than the card', async () => {
    await renderTab();

    const content = within(screen.getByTestId('mlops-value-content'));
    expect(
      content.getByRole('heading', { name: 'Monthly churn rate', level: 3 }),
    ).toBeVisible();
    expect(
      content.getByRole('img', { name: /^Monthly churn rate: 3 actuals/ }),
    ).toHaveAttribute('viewBox', '0 0 720 240');
  });

  it('checks in an actual for the current period of the chosen KPI, then shows the answer and reloads the history', async () => {
    const api = await renderTab();

    expect(form().getByLabelText(/Period start/)).toHaveValue(
      thisMonth().start,
    );
    expect(form().getByLabelText(/Period end/)).toHaveValue(thisMonth().end);
    type(/^Value/, '2.45');
    type(/^Comment/, 'From the April billing run');
    type(/^Evidence link/, 'https://bi.example.com/churn/2026-04');
    type(/Period start/, '2026-04-01');
    type(/Period end/, '2026-04-30');
    fireEvent.click(form().getByRole('button', { name: 'Record actual' }));

    await waitFor(() =>
      expect(api.recordKpiActual).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        {
          kpi: 'monthly-churn-rate',
          periodStart: '2026-04-01',
          periodEnd: '2026-04-30',
          value: 2.45,
          comment: 'From the April billing run',
          evidenceUrl: 'https://bi.example.com/churn/2026-04',
        },
      ),
    );
    expect(
      await form().findByText(
        'Recorded 2.45 % for Monthly churn rate, 1 Apr 2026 – 30 Apr 2026.',
      ),
    ).toBeVisible();
    await waitFor(() =>
      expect(api.getUseCaseValueHistory).toHaveBeenCalledTimes(2),
    );
  });

  it("proposes the current period of the chosen KPI's cadence", async () => {
    await renderTab();

    fireEvent.change(form().getByRole('combobox', { name: /KPI/ }), {
      target: { value: 'offer-uptake' },
    });
    const now = new Date();
    const quarter = Math.floor(now.getUTCMonth() / 3) * 3;
    expect(form().getByLabelText(/Period start/)).toHaveValue(
      new Date(Date.UTC(now.getUTCFullYear(), quarter, 1))
        .toISOString()
        .slice(0, 10),
    );
    expect(form().getByLabelText(/^Value/)).toHaveAccessibleName('Value (%)');
  });

  it('corrects an earlier record: its period is taken over and the record named', async () => {
    const api = await renderTab();

    await waitFor(() =>
      expect(
        form().getByRole('combobox', { name: /Corrects/ }),
      ).not.toBeDisabled(),
    );
    fireEvent.change(form().getByRole('combobox', { name: /Corrects/ }), {
      target: { value: 'a-3' },
    });
    expect(form().getByLabelText(/Period start/)).toHaveValue('2026-02-01');
    type(/^Value/, '2.55');
    fireEvent.click(form().getByRole('button', { name: 'Record actual' }));

    await waitFor(() =>
      expect(api.recordKpiActual).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        {
          kpi: 'monthly-churn-rate',
          periodStart: '2026-02-01',
          periodEnd: '2026-02-28',
          value: 2.55,
          supersedes: 'a-3',
        },
      ),
    );
  });

  it('offers only records in force for correction', async () => {
    await renderTab();

    const corrects = await waitFor(() => {
      const select = form().getByRole('combobox', { name: /Corrects/ });
      expect(select).not.toBeDisabled();
      return select;
    });
    expect(
      within(corrects)
        .getAllByRole('option')
        .map(o => (o as HTMLOptionElement).value),
    ).toEqual(['', 'a-1', 'a-3', 'a-4']);
  });

  it("shows the backend's refusal as it is, and records nothing twice", async () => {
    const message =
      'supersedes a-2 is no longer in force: a-3 corrected it on 2026-03-03';
    const api = mockMlopsApi({
      recordKpiActual: jest
        .fn()
        .mockRejectedValue(await refusal(409, 'ConflictError', message)),
    });
    await renderTab(api);

    type(/^Value/, '2.6');
    fireEvent.click(form().getByRole('button', { name: 'Record actual' }));

    expect(await form().findByText(message)).toBeVisible();
    expect(form().getByText(/The actual was not recorded/)).toBeVisible();
    expect(form().getByLabelText(/^Value/)).toHaveValue(2.6);
    expect(api.getUseCaseValueHistory).toHaveBeenCalledTimes(1);
  });

  it('asks for a number before sending anything', async () => {
    const api = await renderTab();

    fireEvent.click(form().getByRole('button', { name: 'Record actual' }));

    expect(
      await form().findByText('Enter the value as a number.'),
    ).toBeVisible();
    expect(api.recordKpiActual).not.toHaveBeenCalled();
  });

  it('offers no check-in to those who may not record', async () => {
    await renderTab(
      mockMlopsApi({
        getUseCaseValue: jest
          .fn()
          .mockResolvedValue({ ...churnValue, canRecord: false }),
      }),
    );

    expect(screen.queryByTestId('mlops-value-check-in')).toBeNull();
  });

  it('shows a correction and the record it corrects as such in the history', async () => {
    await renderTab();

    const history = within(screen.getByTestId('mlops-value-history'));
    const correction = within(
      (await history.findByText('Restated after the billing fix')).closest(
        'tr',
      )!,
    );
    expect(
      correction.getByText('Corrects 2.65 % recorded 2 Mar 2026, 09:00 UTC'),
    ).toBeVisible();
    expect(correction.getByText(/^Check-in,/)).toBeVisible();
    expect(correction.getByRole('link', { name: 'ada' })).toBeVisible();
    expect(correction.getByRole('link', { name: /Evidence/ })).toHaveAttribute(
      'href',
      'https://bi.example.com/churn/2026-02',
    );
    const corrected = within(history.getByText('2.65 %').closest('tr')!);
    expect(
      corrected.getByText(
        'Corrected by 2.6 % recorded 3 Mar 2026, 10:30 UTC; no longer in force',
      ),
    ).toBeVisible();
    expect(
      history.getByText(
        `${churnHistory.records.length} records, newest first; 1 correction`,
      ),
    ).toBeVisible();
  });

  it('downloads the history as CSV with the user token', async () => {
    const api = await renderTab();
    const save = jest.fn();
    URL.createObjectURL = save.mockReturnValue('blob:history');
    URL.revokeObjectURL = jest.fn();

    fireEvent.click(
      screen.getByRole('link', { name: 'Download the history as CSV' }),
    );

    await waitFor(() =>
      expect(api.getValueHistoryCsv).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
      ),
    );
    await waitFor(() => expect(save).toHaveBeenCalled());
  });
});
