import { act, screen, waitFor, within } from '@testing-library/react';
import type { SponsorHome } from '@mlightenment/backstage-plugin-mlops-common';
import { SponsorHomeSection } from './SponsorHomeSection';
import { MlopsPage } from '../maturity/MlopsOverview';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  adaHome,
  emptyHome,
  guestHome,
} from './__testUtils__/sponsorHomeFixtures';

/** Waits until the home's request has settled and React has rendered its answer. */
async function settled(api: ReturnType<typeof mockMlopsApi>) {
  await waitFor(() => expect(api.getSponsorHome).toHaveBeenCalled());
  await act(async () => {
    await api.getSponsorHome.mock.results[0].value.catch(() => undefined);
  });
}

async function renderHome(home: SponsorHome) {
  const api = mockMlopsApi({ getSponsorHome: jest.fn(async () => home) });
  await renderWithMlops(<SponsorHomeSection />, { api });
  return within(await screen.findByTestId('mlops-for-you'));
}

/** A block of the home, found by its heading. */
function block(section: ReturnType<typeof within>, name: string) {
  return within(section.getByRole('region', { name }));
}

/** The texts of a block's items, without those of lists nested in them. */
function items(region: ReturnType<typeof within>): string[] {
  const [list] = region.getAllByRole('list');
  return within(list)
    .getAllByRole('listitem')
    .filter(item => item.parentElement === list)
    .map(item => item.textContent ?? '');
}

describe("the signed-in person's home", () => {
  it('lists the gates waiting for their sign-off, linked to the gate tab, with the role they sign for and since when', async () => {
    const section = await renderHome(adaHome);

    const gates = block(section, 'Gates waiting for your sign-off');
    expect(items(gates)).toEqual([
      'Churn prevention: Stage 1 · StrategyYou sign as sponsor; in this stage since 2 Nov 2026',
      'Next best offer ranker: Stage 3 · OperationalisationYou sign for model-risk',
    ]);
    expect(
      gates.getByRole('link', { name: 'Churn prevention' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/churn-prevention/gate-strategy',
    );
    expect(
      gates.getByRole('link', { name: 'Next best offer ranker' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/nbo-ranker/gate-operationalisation',
    );
  });

  it("says in words which check-ins are due, overdue or never reported, linking to the use case's Value tab", async () => {
    const section = await renderHome(adaHome);

    const checkIns = block(section, 'Check-ins due');
    expect(items(checkIns)).toEqual([
      'Next best offer: Complaint rateOverdue: due since 1 Apr 2026',
      'Churn prevention: Monthly churn rateDue since 1 May 2026',
      'Churn prevention: Retention offer uptakeNo actual reported yet',
    ]);
    expect(
      checkIns.getAllByRole('link').map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/mlusecase/next-best-offer/value',
      '/catalog/default/mlusecase/churn-prevention/value',
      '/catalog/default/mlusecase/churn-prevention/value',
    ]);
  });

  it('shows the value at risk with its status in words, its progress and the reasons as a list', async () => {
    const section = await renderHome(adaHome);

    const atRisk = block(section, 'Value at risk');
    expect(items(atRisk)).toHaveLength(1);
    expect(
      atRisk.getByRole('link', { name: 'Next best offer' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/next-best-offer/value',
    );
    expect(atRisk.getByTestId('mlops-kpi-status')).toHaveTextContent(
      'Off track',
    );
    expect(
      atRisk.getByText('-25 % of the way to target: worse than the baseline'),
    ).toBeInTheDocument();
    const reasons = atRisk.getByRole('list', {
      name: 'Why Complaint rate is at risk',
    });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Next best offer ranker is in drift alert',
      "mlmodel:default/nbo-ranker fails the use case's acceptance criteria",
    ]);
  });

  it("lists their use cases linked to the Value tab, with each KPI's status", async () => {
    const section = await renderHome(adaHome);

    const useCases = block(section, 'Your use cases');
    expect(
      useCases.getByRole('link', { name: 'Churn prevention' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/churn-prevention/value',
    );
    const kpis = useCases.getByRole('list', {
      name: 'KPIs of Churn prevention',
    });
    expect(
      within(kpis)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['Monthly churn rateOn track', 'Retention offer uptakeNo data']);
    expect(
      within(useCases.getByRole('list', { name: 'KPIs of Next best offer' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['Revenue upliftOn track', 'Complaint rateOff track']);
  });

  it('says so in a sentence when a block is empty', async () => {
    const section = await renderHome({
      ...emptyHome,
      useCases: adaHome.useCases,
    });

    expect(
      block(section, 'Gates waiting for your sign-off').getByText(
        'No gate waits for your sign-off.',
      ),
    ).toBeInTheDocument();
    expect(
      block(section, 'Check-ins due').getByText('No check-in is due.'),
    ).toBeInTheDocument();
    expect(
      block(section, 'Value at risk').getByText(
        'No KPI of yours is at risk from a model in trouble.',
      ),
    ).toBeInTheDocument();
    expect(items(block(section, 'Your use cases'))).toHaveLength(2);
  });

  it('says that nothing waits in one sentence when every block is empty', async () => {
    const section = await renderHome(emptyHome);

    expect(section.getByText(/^Nothing waits for you:/)).toBeInTheDocument();
    expect(section.queryAllByRole('heading', { level: 3 })).toEqual([]);
    expect(section.queryByRole('list')).toBeNull();
  });

  it.each([
    ['a service or an unsigned caller (403)', 403, 'NotAllowedError'],
    ['a caller without a token (401)', 401, 'AuthenticationError'],
  ])('is not shown at all to %s', async (_who, status, name) => {
    const api = mockMlopsApi({
      getSponsorHome: jest.fn(async () =>
        Promise.reject(await responseError(status, name)),
      ),
    });
    await renderWithMlops(<MlopsPage />, { api });
    await screen.findByTestId('mlops-org-summary');
    await settled(api);

    expect(screen.queryByTestId('mlops-for-you')).toBeNull();
    expect(screen.queryByText(/For you/)).toBeNull();
    expect(screen.queryByText(/from the mlops backend/)).toBeNull();
    // The rest of the page is there as ever.
    expect(screen.getAllByRole('heading', { level: 2 })[0]).toHaveTextContent(
      'Organisation',
    );
  });

  it('is not shown to the guest of a development app', async () => {
    const api = mockMlopsApi({
      getSponsorHome: jest.fn(async () => guestHome),
    });
    await renderWithMlops(<SponsorHomeSection />, { api });
    await settled(api);

    expect(screen.queryByTestId('mlops-for-you')).toBeNull();
    expect(screen.queryByText(/Nothing waits for you/)).toBeNull();
  });

  it('shows any other failure in the section', async () => {
    const api = mockMlopsApi({
      getSponsorHome: jest.fn(async () =>
        Promise.reject(await responseError(503, 'ServiceUnavailable')),
      ),
    });
    await renderWithMlops(<SponsorHomeSection />, { api });

    const section = within(await screen.findByTestId('mlops-for-you'));
    expect(
      await section.findAllByText(/ServiceUnavailable from the mlops backend/),
    ).not.toHaveLength(0);
  });

  it('opens the organisation page, first after the page heading, its blocks one level below', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<MlopsPage />, { api });

    const section = within(await screen.findByTestId('mlops-for-you'));
    expect(
      section.getByRole('heading', { level: 2, name: 'For you' }),
    ).toBeInTheDocument();
    expect(
      section
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual([
      'Gates waiting for your sign-off',
      'Check-ins due',
      'Value at risk',
      'Your use cases',
    ]);
    await screen.findByTestId('mlops-org-summary');
    const level2 = screen
      .getAllByRole('heading', { level: 2 })
      .map(heading => heading.textContent);
    expect(level2[0]).toBe('For you');
    expect(
      screen.getAllByRole('heading', { level: 1 }).map(h => h.textContent),
    ).toEqual(['MLOps maturity']);
    expect(api.getSponsorHome).toHaveBeenCalledTimes(1);
  });
});
