import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EntityTeamMaturityContent } from '../plugin';
import {
  emptyTeamMaturity,
  platformTeam,
  retentionAnalytics,
  retentionTeamMaturity,
} from '../__testUtils__/maturityFixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

/** The entity names in a table's rows, top to bottom. */
function entityColumn(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

async function renderTeam(api = mockMlopsApi(), group = retentionAnalytics) {
  await renderWithMlops(<EntityTeamMaturityContent />, { api, entity: group });
  return api;
}

describe('the team MLOps maturity tab', () => {
  it("asks for the group's roll-up over 30 days and every kind", async () => {
    const api = await renderTeam();

    await screen.findByTestId('mlops-team-summary');
    expect(api.getTeamMaturity).toHaveBeenCalledWith(
      'group:default/retention-analytics',
      { days: 30, kind: undefined },
    );
  });

  it('summarises entity count, score and median level', async () => {
    await renderTeam();

    const summary = await screen.findByTestId('mlops-team-summary');
    expect(summary).toHaveTextContent(/Entities\s*4/);
    expect(summary).toHaveTextContent(
      `Score${retentionTeamMaturity.summary.score} / 100`,
    );
    expect(summary).toHaveTextContent(/Median level\s*Level 1 · Repeatable/i);
  });

  it('shows how many entities are at each level, with the level names', async () => {
    await renderTeam();

    const bars = await screen.findByRole('list', { name: 'Entities by level' });
    expect(
      within(bars)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'Level 0 · Manual1',
      'Level 1 · Repeatable1',
      'Level 2 · Automated training1',
      'Level 3 · Automated deployment1',
      'Level 4 · Governed operations0',
    ]);
  });

  it('fetches the next page of a long leaderboard when asked', async () => {
    const [first, ...rest] = retentionTeamMaturity.entities;
    const api = mockMlopsApi();
    api.getTeamMaturity.mockImplementation(async (_ref, query) =>
      query?.offset
        ? {
            ...retentionTeamMaturity,
            entities: rest,
            page: { offset: 1, limit: 3 },
          }
        : {
            ...retentionTeamMaturity,
            entities: [first],
            page: { offset: 0, limit: 1 },
          },
    );
    await renderTeam(api);

    const board = await screen.findByTestId('mlops-team-leaderboard');
    expect(entityColumn(board)).toHaveLength(1);
    expect(
      screen.getByText(/Showing 1 of 4 entities; the CSV export has them all/),
    ).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() =>
      expect(
        entityColumn(screen.getByTestId('mlops-team-leaderboard')),
      ).toHaveLength(4),
    );
    expect(api.getTeamMaturity).toHaveBeenLastCalledWith(
      'group:default/retention-analytics',
      { days: 30, kind: undefined, offset: 1, limit: 1 },
    );
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('ranks the leaderboard and sorts it by a column', async () => {
    await renderTeam();

    const board = await screen.findByTestId('mlops-team-leaderboard');
    await waitFor(() =>
      expect(entityColumn(board)).toEqual([
        'churn-gbm-drift',
        'churn-prevention',
        'churn-gbm',
        'churn-logit',
      ]),
    );

    fireEvent.click(within(board).getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(entityColumn(board)).toEqual([
        'churn-logit',
        'churn-gbm',
        'churn-prevention',
        'churn-gbm-drift',
      ]),
    );
  });

  it('shows changes over the period with an arrow and a number', async () => {
    await renderTeam();

    const drops = await screen.findByTestId('mlops-team-biggest-drops');
    const row = within(drops).getAllByRole('row')[1];
    expect(within(row).getByLabelText('Level down 1')).toHaveTextContent('▼ 1');
    // The narrow highlight tables show the level change; the leaderboard both.
    const leaderboard = screen.getByTestId('mlops-team-leaderboard');
    expect(
      within(leaderboard).getByLabelText('Score down 30'),
    ).toHaveTextContent('▼ 30');
    expect(
      within(leaderboard).getAllByLabelText('Score up 25')[0],
    ).toHaveTextContent('▲ 25');
    expect(entityColumn(screen.getByTestId('mlops-team-weakest'))).toEqual([
      'churn-logit',
      'churn-gbm',
    ]);
  });

  it('asks again for another period and kind', async () => {
    const api = await renderTeam();
    await screen.findByTestId('mlops-team-summary');

    fireEvent.click(screen.getByRole('button', { name: '365 days' }));
    fireEvent.click(screen.getByRole('button', { name: 'Models' }));
    await waitFor(() =>
      expect(api.getTeamMaturity).toHaveBeenLastCalledWith(
        'group:default/retention-analytics',
        { days: 365, kind: 'MLModel' },
      ),
    );
    expect(screen.getByRole('button', { name: 'Models' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('exports the CSV of the chosen period through the API', async () => {
    const createObjectURL = jest.fn(() => 'blob:csv');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });
    const api = await renderTeam();
    await screen.findByTestId('mlops-team-summary');

    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(downloads).toEqual([
        'retention-analytics-mlops-maturity-90-days.csv',
      ]),
    );
    expect(api.getTeamExport).toHaveBeenCalledWith(
      'group:default/retention-analytics',
      { days: 90, kind: undefined },
    );
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    click.mockRestore();
  });

  it('says so when the group owns nothing', async () => {
    await renderTeam(
      mockMlopsApi({
        getTeamMaturity: jest.fn().mockResolvedValue(emptyTeamMaturity),
      }),
      platformTeam,
    );

    expect(
      await screen.findByText('This group owns no ML entities'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('mlops-team-leaderboard'),
    ).not.toBeInTheDocument();
  });

  it('treats a group the backend does not know as owning nothing', async () => {
    const notFound = await responseError(404, 'NotFoundError');
    await renderTeam(
      mockMlopsApi({ getTeamMaturity: jest.fn().mockRejectedValue(notFound) }),
      platformTeam,
    );

    expect(
      await screen.findByText('This group owns no ML entities'),
    ).toBeInTheDocument();
  });
});
