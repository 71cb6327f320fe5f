import { screen, waitFor } from '@testing-library/react';
import { EntitySwitch } from '@backstage/plugin-catalog';
import {
  churnDriftMonitor,
  churnGbm,
  churnLogit,
  churnUseCase,
} from './__testUtils__/fixtures';
import { cardHeadings, cardTitles, sorted } from './__testUtils__/cardHeadings';
import { renderEntityCard } from './__testUtils__/renderEntityCard';
import {
  EntityMLAcceptanceCriteriaCard,
  EntityMLBusinessDriversCard,
  EntityMLFairnessCard,
  EntityMLLineageCard,
  EntityMLMetricsCard,
  EntityMLModelCardCard,
  EntityMLModelContent,
  EntityMLModelDetailsCard,
  EntityMLMonitorCard,
  EntityMLMonitorContent,
  EntityMLMonitoredFeaturesCard,
  EntityMLUseCaseCard,
  EntityMLUseCaseContent,
  isMLModelEntity,
  isMLMonitorEntity,
  isMLUseCaseEntity,
} from './index';

const catalog = [churnUseCase, churnGbm, churnLogit, churnDriftMonitor];

/** The `/ml` route of a legacy EntityPage, wired as the README shows. */
const mlTab = (
  <EntitySwitch>
    <EntitySwitch.Case if={isMLUseCaseEntity}>
      <EntityMLUseCaseContent />
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isMLModelEntity}>
      <EntityMLModelContent />
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isMLMonitorEntity}>
      <EntityMLMonitorContent />
    </EntitySwitch.Case>
  </EntitySwitch>
);

describe('the legacy frontend system plugin', () => {
  it.each([
    ['MLUseCase', churnUseCase],
    ['MLModel', churnGbm],
    ['MLMonitor', churnDriftMonitor],
  ] as const)(
    'shows every card of an %s, and only those, on an EntityPage',
    async (kind, entity) => {
      await renderEntityCard(mlTab, { entity, catalog });

      await waitFor(() =>
        expect(cardHeadings()).toEqual(sorted(cardTitles[kind])),
      );
    },
  );

  it.each([
    ['EntityMLUseCaseCard', <EntityMLUseCaseCard />, churnUseCase, 'Use case'],
    [
      'EntityMLBusinessDriversCard',
      <EntityMLBusinessDriversCard />,
      churnUseCase,
      'Business drivers',
    ],
    [
      'EntityMLAcceptanceCriteriaCard',
      <EntityMLAcceptanceCriteriaCard />,
      churnUseCase,
      'Acceptance criteria',
    ],
    [
      'EntityMLModelDetailsCard',
      <EntityMLModelDetailsCard />,
      churnGbm,
      'Model details',
    ],
    ['EntityMLLineageCard', <EntityMLLineageCard />, churnGbm, 'Lineage'],
    ['EntityMLMetricsCard', <EntityMLMetricsCard />, churnGbm, 'Metrics'],
    ['EntityMLFairnessCard', <EntityMLFairnessCard />, churnGbm, 'Fairness'],
    [
      'EntityMLModelCardCard',
      <EntityMLModelCardCard />,
      churnGbm,
      'Model card',
    ],
    [
      'EntityMLMonitorCard',
      <EntityMLMonitorCard />,
      churnDriftMonitor,
      'Monitor',
    ],
    [
      'EntityMLMonitoredFeaturesCard',
      <EntityMLMonitoredFeaturesCard />,
      churnDriftMonitor,
      'Monitored features',
    ],
  ])('renders %s on its own', async (_name, card, entity, title) => {
    await renderEntityCard(card, { entity, catalog });

    expect(
      await screen.findByRole('heading', { name: title, level: 2 }),
    ).toBeInTheDocument();
  });
});
