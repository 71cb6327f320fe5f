import { screen, within } from '@testing-library/react';
import { EntitySwitch } from '@backstage/plugin-catalog';
import {
  EntityMLUseCaseCard,
  EntityStageGateContent,
  isMLModelEntity,
  isMLUseCaseEntity,
} from '../index';
import { churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

/** The `/gate-prototyping` route of a legacy EntityPage, wired as the README shows. */
const prototypingTab = (
  <EntitySwitch>
    <EntitySwitch.Case if={e => isMLUseCaseEntity(e) || isMLModelEntity(e)}>
      <EntityStageGateContent stage="prototyping" />
    </EntitySwitch.Case>
  </EntitySwitch>
);

describe('stage gates in the legacy frontend system', () => {
  it('shows the gate of the given stage in its tab', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(prototypingTab, { api, entity: churnUseCase });

    const gate = await screen.findByTestId('mlops-gate-prototyping');
    expect(
      within(gate).getByRole('heading', {
        name: 'Stage 2: Rapid prototyping & model building',
      }),
    ).toBeInTheDocument();
    expect(within(gate).getByText('Ready for review')).toBeInTheDocument();
    expect(api.getGates).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it('shows the current stage on the use case card', async () => {
    await renderWithMlops(<EntityMLUseCaseCard />, {
      api: mockMlopsApi(),
      entity: churnUseCase,
    });

    expect(await screen.findByTestId('mlops-current-stage')).toHaveTextContent(
      'Stage 2: Rapid prototyping & model buildingReady for review',
    );
  });
});
