import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GateFunnelSection, funnelSteps } from './GateFunnelSection';
import { MlopsPage } from '../maturity/MlopsOverview';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { useCaseFunnel } from './__testUtils__/gateFixtures';

describe('the stage funnel', () => {
  it('counts how many reached each stage: those in it and beyond, plus the complete ones', () => {
    expect(
      funnelSteps(useCaseFunnel).map(s => [s.key, s.reached, s.current]),
    ).toEqual([
      ['strategy', 4, 2],
      ['prototyping', 2, 1],
      ['operationalisation', 1, 0],
      ['complete', 1, undefined],
    ]);
  });

  it('shows use cases by stage with counts, median days per stage and the completed ones', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<GateFunnelSection />, { api });

    const funnel = within(
      await screen.findByRole('list', { name: 'Funnel of use cases by stage' }),
    );
    const [strategy, prototyping, operationalisation, complete] =
      funnel.getAllByRole('listitem');
    expect(strategy).toHaveTextContent(
      'Stage 1: AI strategy, use case & operating model4 reached · 2 in it now · median 12.5 days in the stage',
    );
    expect(prototyping).toHaveTextContent(
      '2 reached · 1 in it now · median 40 days in the stage',
    );
    expect(operationalisation).toHaveTextContent(
      '1 reached · 0 in it now · no time measured yet',
    );
    expect(complete).toHaveTextContent(
      'Every gate approved1 use case passed all three gates',
    );
    expect(api.getGateFunnel).toHaveBeenCalledWith('MLUseCase');
  });

  it('lists each entity with its current stage, since when, and the days it spent in each stage', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-27T12:00:00Z'),
      advanceTimers: true,
    });
    try {
      await renderWithMlops(<GateFunnelSection />, { api: mockMlopsApi() });

      const table = within(await screen.findByTestId('mlops-funnel-entities'));
      const rows = table.getAllByRole('row').slice(1);
      expect(rows.map(r => r.textContent)).toEqual([
        'credit-limitsEvery gate approved1 Jun 2026 (179 days)12 · 40 · 61.5',
        'churn-preventionStage 2: Rapid prototyping & model building2 Sept 2026 (86 days)13.1 · 86 · —',
        'demand-forecastStage 1: AI strategy, use case & operating model—— · — · —',
        'fraud-scoringStage 1: AI strategy, use case & operating model—— · — · —',
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('switches to models', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<GateFunnelSection />, { api });
    await screen.findByRole('list', { name: 'Funnel of use cases by stage' });

    fireEvent.click(screen.getByRole('button', { name: 'Models' }));

    await waitFor(() =>
      expect(api.getGateFunnel).toHaveBeenLastCalledWith('MLModel'),
    );
    expect(
      await screen.findByRole('list', { name: 'Funnel of models by stage' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Models' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('is part of the organisation page', async () => {
    await renderWithMlops(<MlopsPage />, { api: mockMlopsApi() });

    expect(
      within(await screen.findByTestId('mlops-gate-funnel')).getByRole(
        'heading',
        { name: 'Stage funnel' },
      ),
    ).toBeInTheDocument();
  });
});
