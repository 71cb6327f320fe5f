import { screen, within } from '@testing-library/react';
import { EntitySwitch } from '@backstage/plugin-catalog';
import {
  EntityValueCard,
  EntityValueContent,
  isMLModelEntity,
  isMLUseCaseEntity,
} from '../index';
import { churnGbm, churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

/** The overview cards of a legacy EntityPage, wired as the README shows. */
const overviewCards = (
  <EntitySwitch>
    <EntitySwitch.Case if={e => isMLUseCaseEntity(e) || isMLModelEntity(e)}>
      <EntityValueCard />
    </EntitySwitch.Case>
  </EntitySwitch>
);

describe('business value in the legacy frontend system', () => {
  it("shows a use case's KPIs", async () => {
    await renderWithMlops(overviewCards, {
      api: mockMlopsApi(),
      entity: churnUseCase,
    });

    const card = within(await screen.findByTestId('mlops-value-card'));
    expect(await card.findByText('50 % of the way to target')).toBeVisible();
  });

  it('shows on a model the KPIs of its use case', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(overviewCards, { api, entity: churnGbm });

    await screen.findByTestId('mlops-value-card');
    expect(api.getUseCaseValue).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
    );
  });

  it("shows a use case's Value tab with the check-in form", async () => {
    await renderWithMlops(<EntityValueContent />, {
      api: mockMlopsApi(),
      entity: churnUseCase,
    });

    expect(await screen.findByTestId('mlops-value-check-in')).toBeVisible();
  });
});
