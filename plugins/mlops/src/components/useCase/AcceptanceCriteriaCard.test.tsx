import { screen, within } from '@testing-library/react';
import {
  churnGbm,
  churnLogit,
  churnUseCase,
  scoringService,
} from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { AcceptanceCriteriaCard } from './AcceptanceCriteriaCard';

function row(name: RegExp) {
  return within(screen.getByRole('row', { name }));
}

describe('AcceptanceCriteriaCard', () => {
  it('checks every criterion against every model of the use case', async () => {
    await renderEntityCard(<AcceptanceCriteriaCard />, {
      entity: churnUseCase,
      catalog: [churnGbm, churnLogit],
    });

    expect(
      await screen.findByRole('heading', { name: 'Acceptance criteria' }),
    ).toBeInTheDocument();
    const header = await screen.findByRole('row', { name: /Criterion/ });
    expect(within(header).getByText('churn-gbm')).toBeInTheDocument();
    expect(within(header).getByText('churn-logit')).toBeInTheDocument();

    // Columns: criterion, churn-gbm, churn-logit (sorted by name).
    const recall = row(/recall >= 0.7/).getAllByRole('cell');
    expect(recall[1]).toHaveTextContent('0.74Passed');
    expect(recall[2]).toHaveTextContent('0.52Fail');

    const auc = row(/auc >= 0.85/).getAllByRole('cell');
    expect(auc[1]).toHaveTextContent('0.88Passed');
    expect(auc[2]).toHaveTextContent('0.9Passed');

    const latency = row(/p95-latency-ms <= 200/).getAllByRole('cell');
    expect(latency[1]).toHaveTextContent('—Not reported');
    expect(latency[2]).toHaveTextContent('40Passed');

    const overall = row(/Overall/).getAllByRole('cell');
    expect(overall[1]).toHaveTextContent('Not reported');
    expect(overall[2]).toHaveTextContent('Failed');
  });

  it('says so when the use case declares no acceptance criteria', async () => {
    await renderEntityCard(<AcceptanceCriteriaCard />, {
      entity: {
        ...churnUseCase,
        spec: { ...churnUseCase.spec, acceptanceCriteria: [] },
      },
      catalog: [churnGbm],
    });

    expect(
      await screen.findByText('No acceptance criteria'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when no model implements the use case', async () => {
    await renderEntityCard(<AcceptanceCriteriaCard />, {
      entity: { ...churnUseCase, relations: [] },
    });

    expect(
      await screen.findByText('No models implement this use case yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/3 acceptance criteria are declared/),
    ).toBeInTheDocument();
  });

  it('ignores related models that are not in the catalog', async () => {
    await renderEntityCard(<AcceptanceCriteriaCard />, {
      entity: churnUseCase,
      catalog: [churnLogit],
    });

    const header = await screen.findByRole('row', { name: /Criterion/ });
    expect(within(header).queryByText('churn-gbm')).not.toBeInTheDocument();
    expect(within(header).getByText('churn-logit')).toBeInTheDocument();
  });

  it('warns instead of rendering on an entity of another kind', async () => {
    await renderEntityCard(<AcceptanceCriteriaCard />, {
      entity: scoringService,
    });

    expect(
      await screen.findByText(
        /The Acceptance criteria card shows MLUseCase entities only/,
      ),
    ).toBeInTheDocument();
  });
});
