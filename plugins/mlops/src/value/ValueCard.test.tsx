import { screen, within } from '@testing-library/react';
import { ValueCard } from './ValueCard';
import { churnGbm, churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnKpiRedefined,
  churnValue,
  churnValueWithoutActuals,
} from './__testUtils__/valueFixtures';

async function renderCard(
  api = mockMlopsApi(),
  entity: typeof churnUseCase | typeof churnGbm = churnUseCase,
  docsUrl?: string,
) {
  await renderWithMlops(<ValueCard docsUrl={docsUrl} />, { api, entity });
  return within(await screen.findByTestId('mlops-value-card'));
}

describe('the business-value card', () => {
  it("shows each KPI's status in words beside its chip", async () => {
    const card = await renderCard();

    const churn = within(
      await card.findByRole('region', { name: 'Monthly churn rate' }),
    );
    expect(churn.getByTestId('mlops-kpi-status')).toHaveTextContent('On track');
    const uptake = within(
      card.getByRole('region', { name: 'Retention offer uptake' }),
    );
    expect(uptake.getByTestId('mlops-kpi-status')).toHaveTextContent('No data');
    expect(uptake.getByText('No actuals yet for this KPI.')).toBeVisible();
  });

  it('shows baseline, target and latest actual with the unit, and the progress of a KPI that should go down', async () => {
    const card = await renderCard();

    const churn = within(
      await card.findByRole('region', { name: 'Monthly churn rate' }),
    );
    expect(churn.getByTestId('mlops-kpi-numbers')).toHaveTextContent(
      'Baseline 2.8 % → target 2.2 % → latest actual 2.5 % for 1 Mar 2026 – 31 Mar 2026',
    );
    expect(churn.getByTestId('mlops-kpi-progress')).toHaveTextContent(
      '50 % of the way to target',
    );
  });

  it('says what the trend chart shows, with the lines and the events around the actuals', async () => {
    const card = await renderCard();

    const chart = await card.findByRole('img', {
      name: /^Monthly churn rate: 3 actuals/,
    });
    expect(chart).toHaveAccessibleName(
      'Monthly churn rate: 3 actuals, from 2.7 % for 1 Jan 2026 – 31 Jan 2026 to 2.5 % for 1 Mar 2026 – 31 Mar 2026. ' +
        'Lines at baseline 2.8 % and target 2.2 %. ' +
        'Events: Gate approval on 10 Feb 2026: Stage 3 · Operationalisation approved; ' +
        'Drift alert on 5 Mar 2026: Churn GBM input drift in alert; ' +
        'Drift recovery on 20 Mar 2026: Churn GBM input drift healthy again.',
    );
    const legend = card.getByRole('list', {
      name: 'Legend of Monthly churn rate',
    });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Actual',
      'Baseline',
      'Target',
      'Gate approval',
      'Drift alert',
      'Drift recovery',
    ]);
  });

  it('says how to report an actual when there is none yet', async () => {
    const card = await renderCard(
      mockMlopsApi({
        getUseCaseValue: jest.fn().mockResolvedValue(churnValueWithoutActuals),
      }),
    );

    const empty = within(await card.findByTestId('mlops-value-empty'));
    expect(empty.getByText('No actuals yet')).toBeVisible();
    expect(
      empty.getByText(/check in the first actual on the Value tab/),
    ).toBeVisible();
    expect(empty.getByText('docs/business-value.md')).toBeVisible();
    expect(card.queryByRole('img')).toBeNull();
  });

  it("links the empty state to the organisation's documentation when given", async () => {
    const card = await renderCard(
      mockMlopsApi({
        getUseCaseValue: jest.fn().mockResolvedValue(churnValueWithoutActuals),
      }),
      churnUseCase,
      'https://docs.example.com/mlightenment/business-value',
    );

    expect(
      await card.findByRole('link', {
        name: /^the business-value documentation/,
      }),
    ).toHaveAttribute(
      'href',
      'https://docs.example.com/mlightenment/business-value',
    );
  });

  it('says when and how the definition of a KPI changed', async () => {
    const card = await renderCard(
      mockMlopsApi({
        getUseCaseValue: jest
          .fn()
          .mockResolvedValue({ ...churnValue, kpis: [churnKpiRedefined] }),
      }),
    );

    expect(
      await card.findByTestId('mlops-kpi-definition-change'),
    ).toHaveTextContent(
      'Definition changed on 1 Jun 2026: baseline 2.6 % (was 2.8 %), target 2 % (was 2.2 %).',
    );
    expect(card.getByTestId('mlops-kpi-progress')).toHaveTextContent(
      '17 % of the way to target',
    );
  });

  it('shows on a model the KPIs of the use case it serves', async () => {
    const api = mockMlopsApi();
    const card = await renderCard(api, churnGbm);

    expect(
      await card.findByRole('region', { name: 'Monthly churn rate' }),
    ).toBeVisible();
    expect(
      card.getByRole('link', { name: 'Churn prevention' }),
    ).toHaveAttribute('href', '/catalog/default/mlusecase/churn-prevention');
    expect(api.getUseCaseValue).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('says so when the use case a model names is not in the catalog', async () => {
    const card = await renderCard(
      mockMlopsApi({
        getUseCaseValue: jest
          .fn()
          .mockRejectedValue(await responseError(404, 'NotFoundError')),
      }),
      {
        ...churnGbm,
        relations: [],
        spec: { ...churnGbm.spec, useCase: 'upsell' },
      },
    );

    expect(
      await card.findByText(
        'Use case mlusecase:default/upsell is not in the catalog, so there are no KPIs to show.',
      ),
    ).toBeVisible();
  });

  it("finds a model's use case from spec.useCase when the catalog has not related them yet", async () => {
    const api = mockMlopsApi();
    await renderCard(api, { ...churnGbm, relations: [] });

    await screen.findByRole('region', { name: 'Monthly churn rate' });
    expect(api.getUseCaseValue).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });
});
