import { screen, within } from '@testing-library/react';
import { EntitySwitch } from '@backstage/plugin-catalog';
import {
  EntityDriftContent,
  EntityDriftHealthCard,
  EntityUseCaseDriftCard,
  isMLModelEntity,
  isMLMonitorEntity,
  isMLUseCaseEntity,
} from '../index';
import {
  churnDriftMonitor,
  churnGbm,
  churnUseCase,
} from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnInputDriftHealth,
  churnUseCaseDriftHealth,
} from './__testUtils__/driftFixtures';

/** The overview cards of a legacy EntityPage, wired as the README shows. */
const overviewCards = (
  <EntitySwitch>
    <EntitySwitch.Case if={e => isMLModelEntity(e) || isMLMonitorEntity(e)}>
      <EntityDriftHealthCard />
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isMLUseCaseEntity}>
      <EntityUseCaseDriftCard />
    </EntitySwitch.Case>
  </EntitySwitch>
);

describe('drift in the legacy frontend system', () => {
  it("shows a model's drift health card", async () => {
    await renderWithMlops(overviewCards, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    const card = within(await screen.findByTestId('mlops-drift-health-card'));
    expect(await card.findByTestId('mlops-drift-state')).toHaveTextContent(
      'Alert',
    );
  });

  it("shows a use case's models by drift state", async () => {
    await renderWithMlops(overviewCards, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnUseCaseDriftHealth),
      }),
      entity: churnUseCase,
    });

    const card = within(await screen.findByTestId('mlops-use-case-drift-card'));
    expect(
      await card.findByRole('link', { name: 'Churn logit' }),
    ).toBeVisible();
  });

  it("shows a monitor's drift tab with its features over time", async () => {
    await renderWithMlops(<EntityDriftContent />, {
      api: mockMlopsApi({
        getDriftHealth: jest.fn().mockResolvedValue(churnInputDriftHealth),
      }),
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByTestId('mlops-drift-series-care_contacts_30d'),
    ).toBeVisible();
  });
});
