import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import {
  FairnessCard,
  LineageCard,
  ModelCardCard,
  ModelDetailsCard,
  ModelMetricsCard,
} from '../components/model';
import { MonitorCard, MonitoredFeaturesCard } from '../components/monitor';
import {
  AcceptanceCriteriaCard,
  BusinessDriversCard,
  UseCaseOverviewCard,
} from '../components/useCase';
import {
  churnDriftMonitor,
  churnGbm,
  churnUseCase,
} from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';

// Each card's title and kind, the card, and a page of another kind.
const CARDS: [string, string, ReactElement, Entity][] = [
  ['Fairness', 'MLModel', <FairnessCard />, churnUseCase],
  ['Lineage', 'MLModel', <LineageCard />, churnDriftMonitor],
  ['Model card', 'MLModel', <ModelCardCard />, churnUseCase],
  ['Model details', 'MLModel', <ModelDetailsCard />, churnDriftMonitor],
  ['Metrics', 'MLModel', <ModelMetricsCard />, churnUseCase],
  ['Monitor', 'MLMonitor', <MonitorCard />, churnGbm],
  ['Monitored features', 'MLMonitor', <MonitoredFeaturesCard />, churnUseCase],
  ['Acceptance criteria', 'MLUseCase', <AcceptanceCriteriaCard />, churnGbm],
  ['Business drivers', 'MLUseCase', <BusinessDriversCard />, churnDriftMonitor],
  ['Use case', 'MLUseCase', <UseCaseOverviewCard />, churnGbm],
];

describe('useCardEntity', () => {
  it.each(CARDS)(
    'the %s card of an %s on another kind’s page says how to wire it',
    async (title, kind, card, entity) => {
      await renderEntityCard(card, { entity });
      expect(
        await screen.findByText(
          new RegExp(`The ${title} card shows ${kind} entities only`),
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(new RegExp(`This entity is a ${entity.kind}\\.`)),
      ).toBeInTheDocument();
    },
  );
});
