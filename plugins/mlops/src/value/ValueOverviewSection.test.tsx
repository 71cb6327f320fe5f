import { screen, within } from '@testing-library/react';
import type { ValueOverview } from '@mlightenment/backstage-plugin-mlops-common';
import { ValueOverviewSection } from './ValueOverviewSection';
import { MlopsPage } from '../maturity/MlopsOverview';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnSummary,
  organisationValue,
  overviewOf,
  percentAndEuroValue,
  searchSummary,
} from './__testUtils__/valueOverviewFixtures';

async function renderSection(overview: ValueOverview) {
  const api = mockMlopsApi({ getValueOverview: jest.fn(async () => overview) });
  await renderWithMlops(<ValueOverviewSection />, { api });
  return within(await screen.findByTestId('mlops-org-value'));
}

/** Each body row of a table as its cells' texts. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => Array.from(row.children, cell => cell.textContent ?? ''));
}

function listed(section: ReturnType<typeof within>, name: string): string[] {
  const region = within(section.getByRole('region', { name }));
  return region.queryAllByRole('listitem').map(item => item.textContent ?? '');
}

describe("the organisation's business value", () => {
  it('counts KPIs per status in words, beside their chips', async () => {
    const section = await renderSection(organisationValue);

    const counts = section.getByRole('list', { name: 'KPIs per status' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '2 KPIsOn track',
      '1 KPIAt risk',
      '1 KPIOff track',
      '1 KPIOverdue',
      '2 KPIsNo data',
    ]);
  });

  it('puts KPIs in one table per unit, never mixing a percentage with euros', async () => {
    const section = await renderSection(percentAndEuroValue);

    expect(
      section
        .getAllByRole('heading', { level: 4 })
        .map(heading => heading.textContent),
    ).toEqual([
      'In %',
      'In kEUR',
      'Fresh actuals',
      'Without actuals',
      'Check-in overdue',
    ]);
    const percent = section.getByRole('table', { name: 'KPIs in %' });
    expect(
      within(percent)
        .getAllByRole('rowheader')
        .map(header => header.textContent),
    ).toEqual(['Monthly churn rate', 'Retention offer uptake']);
    expect(
      within(percent)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'KPI',
      'Use case',
      'Progress to target',
      'Status',
      'Latest actual',
    ]);
    expect(rowsOf(percent)).toEqual([
      [
        'Monthly churn rate',
        'Churn prevention',
        '50 %',
        'On track',
        '2.5 % for 1 Mar 2026 – 31 Mar 2026',
      ],
      [
        'Retention offer uptake',
        'Churn prevention',
        'No actual yet',
        'No data',
        'None yet',
      ],
    ]);
    const euros = section.getByRole('table', { name: 'KPIs in kEUR' });
    expect(rowsOf(euros)).toEqual([
      [
        'Fraud losses avoided',
        'Fraud detection',
        '30 %',
        'At risk',
        '420 kEUR for 1 Jan 2026 – 31 Mar 2026',
      ],
    ]);
  });

  it("orders each unit's KPIs by progress, shows it as a labelled bar and as text, and links to the use case's Value tab", async () => {
    const section = await renderSection(organisationValue);

    const percent = section.getByRole('table', { name: 'KPIs in %' });
    expect(rowsOf(percent).map(([kpi, , progress]) => [kpi, progress])).toEqual(
      [
        ['Complaint rate', '-25 %'],
        ['Monthly churn rate', '50 %'],
        ['Forecast error', '62 %'],
        ['Retention offer uptake', 'No actual yet'],
      ],
    );
    const bar = within(percent).getByRole('progressbar', {
      name: 'Progress to target of Forecast error, Demand forecasting',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '62');
    expect(bar).toHaveAttribute('aria-valuetext', '62 % of the way to target');
    expect(
      within(percent).getByRole('progressbar', {
        name: 'Progress to target of Complaint rate, Next best offer',
      }),
    ).toHaveAttribute(
      'aria-valuetext',
      '-25 % of the way to target: worse than the baseline',
    );
    expect(
      within(percent).getByRole('link', { name: 'Demand forecasting' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/demand-forecasting/value',
    );

    const euros = section.getByRole('table', { name: 'KPIs in kEUR' });
    expect(rowsOf(euros).map(([kpi, , progress]) => [kpi, progress])).toEqual([
      ['Fraud losses avoided', '30 %'],
      ['Revenue uplift', '120 %'],
    ]);
    expect(
      within(euros).getByRole('link', { name: 'Fraud detection' }),
    ).toHaveAttribute(
      'href',
      '/catalog/payments/mlusecase/fraud-detection/value',
    );

    expect(
      rowsOf(section.getByRole('table', { name: 'KPIs without a unit' })),
    ).toEqual([
      [
        'Searches per answer',
        'Document search',
        'No actual yet',
        'No data',
        'None yet',
      ],
    ]);
  });

  it('lists production use cases with fresh actuals, without actuals and with a check-in overdue', async () => {
    const section = await renderSection(organisationValue);

    // Fresh is about the actuals being current, not about the status.
    expect(listed(section, 'Fresh actuals')).toEqual([
      'Next best offer',
      'Fraud detection',
    ]);
    expect(listed(section, 'Without actuals')).toEqual([
      'Churn prevention: Retention offer uptake',
      'Invoice triage: declares no KPI',
    ]);
    expect(listed(section, 'Check-in overdue')).toEqual([
      'Demand forecasting: Forecast error',
    ]);
    expect(
      within(
        section.getByRole('region', { name: 'Without actuals' }),
      ).getByRole('link', { name: 'Churn prevention' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/churn-prevention/value',
    );
  });

  it('says so in words when a list is empty', async () => {
    const section = await renderSection(percentAndEuroValue);

    expect(listed(section, 'Fresh actuals')).toEqual(['Fraud detection']);
    expect(
      within(
        section.getByRole('region', { name: 'Check-in overdue' }),
      ).getByText('None: no check-in of a production use case is overdue.'),
    ).toBeVisible();
  });

  it('says when no use case is in production', async () => {
    const section = await renderSection(overviewOf([searchSummary]));

    expect(section.queryByRole('region', { name: 'Fresh actuals' })).toBeNull();
    expect(section.getByText(/No use case is in production/)).toHaveTextContent(
      'No use case is in production (spec.lifecycle: production) yet.',
    );
  });

  it('says so when the overview is empty', async () => {
    const empty = await renderSection(overviewOf([]));
    expect(empty.getByText(/No use case that you may see/)).toBeVisible();
    expect(empty.queryByRole('table')).toBeNull();
    expect(empty.queryByRole('list')).toBeNull();
  });

  it('says when no use case declares a KPI', async () => {
    const section = await renderSection(
      overviewOf([{ ...churnSummary, kpis: [] }]),
    );
    expect(section.queryByRole('table')).toBeNull();
    expect(section.getByText(/No use case declares a KPI yet/)).toBeVisible();
    expect(listed(section, 'Without actuals')).toEqual([
      'Churn prevention: declares no KPI',
    ]);
  });

  it("shows the backend's error", async () => {
    const api = mockMlopsApi({
      getValueOverview: jest
        .fn()
        .mockRejectedValue(await responseError(503, 'ServiceUnavailable')),
    });
    await renderWithMlops(<ValueOverviewSection />, { api });

    const section = within(await screen.findByTestId('mlops-org-value'));
    expect(
      await section.findAllByText(/ServiceUnavailable from the mlops backend/),
    ).not.toHaveLength(0);
    expect(section.queryByRole('table')).toBeNull();
  });

  it('appears on the organisation page as its own section, under the page heading', async () => {
    const api = mockMlopsApi({
      getValueOverview: jest.fn(async () => organisationValue),
    });
    await renderWithMlops(<MlopsPage />, { api });

    const section = within(await screen.findByTestId('mlops-org-value'));
    expect(
      section.getByRole('heading', { level: 2, name: 'Business value' }),
    ).toBeInTheDocument();
    expect(
      section
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual(['Progress to target', 'Production use cases']);
    expect(api.getValueOverview).toHaveBeenCalledTimes(1);
  });
});
