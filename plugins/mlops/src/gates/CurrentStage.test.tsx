import { screen, within } from '@testing-library/react';
import { UseCaseOverviewCard } from '../components/useCase';
import { ModelDetailsCard } from '../components/model';
import { churnGbm, churnLogit, churnUseCase } from '../__testUtils__/fixtures';
import { metadataValue } from '../__testUtils__/metadataValue';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { churnGates } from './__testUtils__/gateFixtures';

describe('the current stage on the overview cards', () => {
  it('shows the use case’s current stage and its gate state, linking to the gate tab', async () => {
    await renderWithMlops(<UseCaseOverviewCard />, {
      api: mockMlopsApi(),
      entity: churnUseCase,
    });

    const stage = await screen.findByTestId('mlops-current-stage');
    expect(
      metadataValue(screen.getByTestId('mlops-use-case-card'), 'Stage'),
    ).toContainElement(stage);
    expect(stage).toHaveTextContent(
      'Stage 2: Rapid prototyping & model buildingReady for review',
    );
    expect(within(stage).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/churn-prevention/gate-prototyping',
    );
  });

  it('shows a model’s stage on its details card', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<ModelDetailsCard />, { api, entity: churnGbm });

    expect(await screen.findByTestId('mlops-current-stage')).toBeVisible();
    expect(api.getGates).toHaveBeenCalledWith('mlmodel:default/churn-gbm');
  });

  it('says every stage is passed when all three gates are approved', async () => {
    const api = mockMlopsApi({
      getGates: jest.fn().mockResolvedValue({
        ...churnGates,
        currentStage: 'operationalisation',
        complete: true,
      }),
    });
    await renderWithMlops(<UseCaseOverviewCard />, {
      api,
      entity: churnUseCase,
    });

    const stage = await screen.findByTestId('mlops-current-stage');
    expect(stage).toHaveTextContent('Every stage passedApproved');
    expect(within(stage).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/mlusecase/churn-prevention/gate-operationalisation',
    );
  });

  it('says when an entity is in production without its gates approved', async () => {
    await renderWithMlops(<ModelDetailsCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });
    expect(
      await screen.findByTestId('mlops-in-production-unapproved'),
    ).toHaveTextContent('In production, but its gates are not all approved');
  });

  it('says nothing of production for an entity through all three gates', async () => {
    const complete = mockMlopsApi({
      getGates: jest.fn().mockResolvedValue({ ...churnGates, complete: true }),
    });
    await renderWithMlops(<ModelDetailsCard />, {
      api: complete,
      entity: churnGbm,
    });
    await screen.findByTestId('mlops-current-stage');
    expect(
      screen.queryByTestId('mlops-in-production-unapproved'),
    ).not.toBeInTheDocument();
  });

  it('says nothing of production for an entity not in production', async () => {
    await renderWithMlops(<ModelDetailsCard />, {
      api: mockMlopsApi(),
      entity: churnLogit,
    });
    await screen.findByTestId('mlops-current-stage');
    expect(
      screen.queryByTestId('mlops-in-production-unapproved'),
    ).not.toBeInTheDocument();
  });

  it('says the stage is unknown when the backend fails', async () => {
    const api = mockMlopsApi({
      getGates: jest
        .fn()
        .mockRejectedValue(await responseError(503, 'ServiceUnavailableError')),
    });
    await renderWithMlops(<UseCaseOverviewCard />, {
      api,
      entity: churnUseCase,
    });

    expect(await screen.findByText(/^Unknown: /)).toBeInTheDocument();
  });
});
