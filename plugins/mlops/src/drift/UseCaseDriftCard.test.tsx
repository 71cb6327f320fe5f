import { screen, within } from '@testing-library/react';
import { UseCaseDriftCard } from './UseCaseDriftCard';
import { churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { churnUseCaseDriftHealth } from './__testUtils__/driftFixtures';

describe("the use case's drift summary", () => {
  it('lists its models by drift state, the worst first, each linked', async () => {
    const api = mockMlopsApi({
      getDriftHealth: jest.fn().mockResolvedValue(churnUseCaseDriftHealth),
    });
    await renderWithMlops(<UseCaseDriftCard />, { api, entity: churnUseCase });

    const card = within(await screen.findByTestId('mlops-use-case-drift-card'));
    expect(card.getByTestId('mlops-drift-state')).toHaveTextContent('Alert');
    const items = within(
      card.getByRole('list', { name: 'Models by drift state' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Churn GBMAlert',
      'Churn logitHealthy',
    ]);
    expect(card.getByRole('link', { name: 'Churn GBM' })).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/churn-gbm',
    );
    expect(api.getDriftHealth).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('says when no model implements the use case', async () => {
    await renderWithMlops(<UseCaseDriftCard />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue({
          ...churnUseCaseDriftHealth,
          state: 'no-data',
          models: [],
        }),
      }),
      entity: churnUseCase,
    });

    expect(
      await screen.findByText('No model implements this use case yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const error = await responseError(503, 'ServiceUnavailableError');
    await renderWithMlops(<UseCaseDriftCard />, {
      api: mockMlopsApi({ getDriftHealth: jest.fn().mockRejectedValue(error) }),
      entity: churnUseCase,
    });

    expect(
      await screen.findByText('503: ServiceUnavailableError'),
    ).toBeInTheDocument();
  });
});
