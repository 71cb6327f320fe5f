import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EntityMaturityCard } from '../plugin';
import { churnDriftMonitor, churnGbm } from '../__testUtils__/fixtures';
import { churnGbmScorecard } from '../__testUtils__/maturityFixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

describe('the compact MLOps maturity card', () => {
  it('shows level, score and how many checks the next level needs, and links to the tab', async () => {
    await renderWithMlops(<EntityMaturityCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    const card = within(await screen.findByTestId('mlops-maturity-card'));
    expect(
      card.getByRole('heading', { name: 'MLOps maturity', level: 2 }),
    ).toBeInTheDocument();
    expect(await card.findByText('Level 1 · Repeatable')).toBeInTheDocument();
    expect(card.getByText('Score 58 / 100')).toBeInTheDocument();
    expect(
      card.getByText('Next: 2 checks to level 2 (Automated training)'),
    ).toBeInTheDocument();
    expect(
      card
        .getByRole('link', { name: 'View the scorecard' })
        .getAttribute('href'),
    ).toMatch(/\/maturity$/);
  });

  it('says when the top level is reached', async () => {
    const top = {
      ...churnGbmScorecard,
      level: 4 as const,
      levelName: 'Governed operations',
      score: 100,
      nextLevel: undefined,
    };
    await renderWithMlops(<EntityMaturityCard />, {
      api: mockMlopsApi({ getScorecard: jest.fn().mockResolvedValue(top) }),
      entity: churnGbm,
    });

    expect(
      await screen.findByText('Level 4 · Governed operations'),
    ).toBeInTheDocument();
    expect(screen.getByText('Top level reached.')).toBeInTheDocument();
  });

  it('says an entity the backend has not evaluated is not evaluated yet', async () => {
    const notFound = await responseError(404, 'NotFoundError');
    await renderWithMlops(<EntityMaturityCard />, {
      api: mockMlopsApi({
        getScorecard: jest.fn().mockRejectedValue(notFound),
      }),
      entity: churnDriftMonitor,
    });

    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
  });

  it("copies the Markdown of the entity's badge", async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    const api = mockMlopsApi();
    await renderWithMlops(<EntityMaturityCard />, { api, entity: churnGbm });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Copy badge Markdown' }),
    );
    const badgeUrl = await api.badgeUrl('mlmodel:default/churn-gbm');
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(`![MLOps maturity](${badgeUrl})`),
    );
    expect(await screen.findByText('Copied.')).toBeInTheDocument();
  });
});
