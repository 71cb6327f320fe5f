import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  FRAMEWORK_STAGES,
  ML_TEST_SCORE_SECTIONS,
} from '@mlightenment/backstage-plugin-mlops-common';
import { EntityMaturityContent } from '../plugin';
import { churnGbm, churnUseCase } from '../__testUtils__/fixtures';
import {
  churnGbmScorecard,
  churnGbmWithMlTestScore,
  rubric,
} from '../__testUtils__/maturityFixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

const check = (id: string) => rubric.checks.find(c => c.id === id)!;
const result = (id: string) =>
  churnGbmScorecard.results.find(r => r.checkId === id)!;

async function renderTab(api = mockMlopsApi()) {
  await renderWithMlops(<EntityMaturityContent />, { api, entity: churnGbm });
  return api;
}

describe('the MLOps maturity tab', () => {
  it("asks for the entity's scorecard by its ref", async () => {
    const api = await renderTab();

    await screen.findByTestId('mlops-maturity-summary');
    expect(api.getScorecard).toHaveBeenCalledWith('mlmodel:default/churn-gbm');
  });

  it('shows the level with its rubric name and the score', async () => {
    await renderTab();

    const summary = within(await screen.findByTestId('mlops-maturity-summary'));
    expect(summary.getByText('Level 1 · Repeatable')).toBeInTheDocument();
    expect(summary.getByText('Score 58 / 100')).toBeInTheDocument();
  });

  it('marks the current level on the ladder in words', async () => {
    await renderTab();

    const ladder = await screen.findByRole('list', { name: 'Maturity levels' });
    const rungs = within(ladder).getAllByRole('listitem');
    expect(rungs.map(r => r.querySelector('span')?.textContent)).toEqual(
      rubric.levels.map(l => `Level ${l.level} · ${l.name}`).reverse(),
    );
    const current = rungs.filter(r => r.getAttribute('aria-current'));
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveTextContent('Level 1 · Repeatable');
    expect(current[0]).toHaveTextContent('Current level');
    expect(rungs[4]).toHaveTextContent('Reached');
    expect(rungs[0]).toHaveTextContent('Not reached');
  });

  it("lists what's needed for the next level: each blocking check, why, and how to fix it", async () => {
    await renderTab();

    const next = within(await screen.findByTestId('mlops-next-level'));
    expect(
      next.getByRole('heading', { name: "What's needed for level 2" }),
    ).toBeInTheDocument();
    const blocking = next.getByRole('list', {
      name: 'Checks blocking level 2',
    });
    const items = within(blocking).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('heading').textContent)).toEqual([
      check('model.acceptance-criteria-met').title,
      check('model.fairness-tested').title,
    ]);
    const fairness = within(items[1]);
    expect(fairness.getByText('Failed')).toBeInTheDocument();
    expect(
      fairness.getByText(result('model.fairness-tested').reason),
    ).toBeInTheDocument();
    expect(items[1]).toHaveTextContent(
      `How to fix: ${check('model.fairness-tested').remediation.text}`,
    );
    expect(fairness.getByRole('link', { name: /^Read more/ })).toHaveAttribute(
      'href',
      check('model.fairness-tested').remediation.link,
    );
    expect(
      next.queryByText(check('model.card-complete').title),
    ).not.toBeInTheDocument();
  });

  it('groups every check under its framework stage, with outcome, level and reason', async () => {
    await renderTab();

    const [strategy, prototyping, operationalisation] = await Promise.all(
      FRAMEWORK_STAGES.map(stage =>
        screen.findByTestId(`mlops-stage-${stage.id}`),
      ),
    );
    FRAMEWORK_STAGES.forEach(stage =>
      expect(
        screen.getByRole('heading', {
          name: `Stage ${stage.number}: ${stage.title}`,
        }),
      ).toBeInTheDocument(),
    );
    expect(strategy).toHaveTextContent(
      'No check of the rubric applies to this entity in this stage.',
    );

    const fairnessRow = within(prototyping)
      .getByText(check('model.fairness-tested').title)
      .closest('tr')!;
    expect(fairnessRow).toHaveTextContent('Failed');
    expect(fairnessRow).toHaveTextContent(
      result('model.fairness-tested').reason,
    );
    expect(within(fairnessRow).getByText('2')).toBeInTheDocument();

    const rows = within(operationalisation).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const monitoredRow = within(operationalisation)
      .getByText(check('model.monitored').title)
      .closest('tr')!;
    expect(monitoredRow).toHaveTextContent('Exempt');
    expect(monitoredRow).toHaveTextContent(
      'Exempt until 31 Mar 2027: Monitoring moves to the new platform in Q1.',
    );
  });

  it('summarises the trend in words and reloads it for another period', async () => {
    const api = await renderTab();

    const trend = await screen.findByRole('list', { name: 'Trend summary' });
    expect(
      within(trend)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['Level 0 → 1 on 12 Nov 2026.', 'Score 33 → 58.']);
    expect(
      screen.getByRole('img', {
        name: /Level and score over the last 30 days/,
      }),
    ).toBeInTheDocument();
    const changes = screen.getByRole('list', { name: 'Check changes' });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      `${
        check('model.served-by-component').title
      }: Failed → Passed on 20 Nov 2026`,
      `${check('model.card-complete').title}: Failed → Passed on 12 Nov 2026`,
    ]);
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() =>
      expect(api.getScorecardHistory).toHaveBeenLastCalledWith(
        'mlmodel:default/churn-gbm',
        90,
      ),
    );
    expect(
      await screen.findByRole('img', {
        name: /Level and score over the last 90 days/,
      }),
    ).toBeInTheDocument();
  });

  it('refreshes the scorecard and shows the new result', async () => {
    const api = await renderTab();

    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('mlops-maturity-summary')).getByText(
          'Score 75 / 100',
        ),
      ).toBeInTheDocument(),
    );
    expect(api.refreshScorecard).toHaveBeenCalledWith(
      'mlmodel:default/churn-gbm',
    );
    expect(
      within(screen.getByTestId('mlops-next-level')).queryByText(
        check('model.fairness-tested').title,
      ),
    ).not.toBeInTheDocument();
  });

  it("tells a person without the permission that they can't refresh, and keeps the scorecard", async () => {
    const forbidden = await responseError(403, 'NotAllowedError');
    await renderTab(
      mockMlopsApi({
        refreshScorecard: jest.fn().mockRejectedValue(forbidden),
      }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText(
        "You don't have permission to refresh this scorecard.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('mlops-maturity-summary')).toHaveTextContent(
      'Level 1 · Repeatable',
    );
  });

  it('explains an entity that was never evaluated and evaluates it on Refresh', async () => {
    const notFound = await responseError(404, 'NotFoundError');
    const api = mockMlopsApi({
      getScorecard: jest.fn().mockRejectedValue(notFound),
    });
    await renderWithMlops(
      <EntityMaturityContent evaluationIntervalMinutes={30} />,
      { api, entity: churnGbm },
    );

    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    expect(
      screen.getByText(/the backend evaluates every entity every 30 minutes/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('Score 75 / 100')).toBeInTheDocument();
    expect(screen.queryByText('Not evaluated yet')).not.toBeInTheDocument();
  });

  it('shows other backend errors as errors', async () => {
    const unavailable = await responseError(503, 'ServiceUnavailableError');
    await renderTab(
      mockMlopsApi({ getScorecard: jest.fn().mockRejectedValue(unavailable) }),
    );

    expect(
      await screen.findAllByText(
        /ServiceUnavailableError from the mlops backend/,
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByText('Not evaluated yet')).not.toBeInTheDocument();
  });

  it("shows a model's ML Test Score: each section's points, the final score and its meaning", async () => {
    await renderWithMlops(<EntityMaturityContent />, {
      api: mockMlopsApi(),
      entity: churnGbmWithMlTestScore,
    });

    const card = await screen.findByTestId('mlops-ml-test-score');
    const rows = within(card).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual(
      ML_TEST_SCORE_SECTIONS.map(
        (section, i) => `${section.title}${[7, 5, 3, 1][i]} of 7`,
      ),
    );
    expect(card).toHaveTextContent(
      'Final score 1: Not totally untested, but it is worth considering the possibility of serious holes in reliability.',
    );
    expect(card).toHaveTextContent('19 of 28 tests declared');
  });

  it('shows no ML Test Score for a use case', async () => {
    await renderWithMlops(<EntityMaturityContent />, {
      api: mockMlopsApi(),
      entity: churnUseCase,
    });

    await screen.findByTestId('mlops-maturity-summary');
    expect(screen.queryByTestId('mlops-ml-test-score')).not.toBeInTheDocument();
  });
});
