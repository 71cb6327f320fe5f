import { screen } from '@testing-library/react';
import { EntitySwitch } from '@backstage/plugin-catalog';
import { isGroupEntity } from '@backstage/catalog-model';
import { mlopsApiRef } from '../api';
import {
  EntityMaturityCard,
  EntityMaturityContent,
  EntityTeamMaturityContent,
  isMlopsEntity,
  mlopsPlugin,
  MlopsPage,
} from '../index';
import { churnGbm } from '../__testUtils__/fixtures';
import { retentionAnalytics } from '../__testUtils__/maturityFixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';

/** The `/maturity` route of a legacy EntityPage, wired as the README shows. */
const maturityTab = (
  <EntitySwitch>
    <EntitySwitch.Case if={isMlopsEntity}>
      <EntityMaturityContent />
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isGroupEntity}>
      <EntityTeamMaturityContent />
    </EntitySwitch.Case>
  </EntitySwitch>
);

describe('MLOps maturity in the legacy frontend system', () => {
  it('provides the mlops API and the /mlops page', () => {
    expect([...mlopsPlugin.getApis()].map(factory => factory.api)).toContain(
      mlopsApiRef,
    );
    expect(mlopsPlugin.routes.root).toBeDefined();
    expect(MlopsPage).toBeInstanceOf(Function);
  });

  it('shows the scorecard of an ML entity in its tab', async () => {
    await renderWithMlops(maturityTab, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    expect(
      await screen.findByRole('heading', { name: "What's needed for level 2" }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('mlops-team-leaderboard')).toBeNull();
  });

  it('shows the team view of a group in its tab', async () => {
    await renderWithMlops(maturityTab, {
      api: mockMlopsApi(),
      entity: retentionAnalytics,
    });

    expect(
      await screen.findByTestId('mlops-team-leaderboard'),
    ).toBeInTheDocument();
  });

  it('renders the card on its own', async () => {
    await renderWithMlops(<EntityMaturityCard />, {
      api: mockMlopsApi(),
      entity: churnGbm,
    });

    expect(
      await screen.findByRole('heading', { name: 'MLOps maturity', level: 2 }),
    ).toBeInTheDocument();
  });
});
