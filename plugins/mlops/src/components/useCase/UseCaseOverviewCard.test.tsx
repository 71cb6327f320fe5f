import { screen, within } from '@testing-library/react';
import { churnUseCase } from '../../__testUtils__/fixtures';
import { metadataValue } from '../../__testUtils__/metadataValue';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { UseCaseOverviewCard } from './UseCaseOverviewCard';

describe('UseCaseOverviewCard', () => {
  it('shows the problem statement as Markdown and the use case facts', async () => {
    await renderEntityCard(<UseCaseOverviewCard />, { entity: churnUseCase });

    const cardElement = await screen.findByTestId('mlops-use-case-card');
    const card = within(cardElement);
    expect(card.getByRole('heading', { name: 'Use case' })).toBeInTheDocument();
    expect(card.getByText('leave').tagName).toBe('STRONG');
    expect(card.getByRole('link', { name: /ada/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/ada',
    );
    const row = (label: string) => metadataValue(cardElement, label);
    expect(row('Lifecycle')).toHaveTextContent('production');
    expect(row('Risk tier')).toHaveTextContent('limited');
    expect(row('Personal data')).toHaveTextContent('Yes');
    expect(row('Ethical considerations')).toHaveTextContent(
      'No pricing decisions from the score',
    );
    expect(row('Explanations required')).toHaveTextContent('Yes');
    expect(row('Explanation audience')).toHaveTextContent('retention agents');
    expect(row('Explanation approach')).toHaveTextContent('SHAP');
    expect(
      within(row('Review cadence')).getByText('every 3 months'),
    ).toHaveAttribute('title', 'P3M');
    expect(row('Policies')).toHaveTextContent('model-risk-policy');
    expect(row('Functional requirements')).toHaveTextContent(
      'Score every subscriber nightly',
    );
    expect(row('Non-functional requirements')).toHaveTextContent(
      'p95 latency under 200 ms',
    );
  });

  it('marks what the use case leaves out as not set', async () => {
    await renderEntityCard(<UseCaseOverviewCard />, {
      entity: {
        ...churnUseCase,
        spec: { owner: 'group:retention-analytics', lifecycle: 'experimental' },
        relations: [],
      },
    });

    const card = within(await screen.findByTestId('mlops-use-case-card'));
    // Problem statement, sponsor, risk tier, personal data, the three
    // explainability rows and the review cadence.
    expect(card.getAllByText('Not set')).toHaveLength(8);
    // Ethical considerations, policies, functional and non-functional
    // requirements.
    expect(card.getAllByText('None')).toHaveLength(4);
  });
});
