import { screen, within } from '@testing-library/react';
import { churnGbm } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ModelCardCard } from './ModelCardCard';

describe('ModelCardCard', () => {
  it('renders the documented sections as Markdown', async () => {
    await renderEntityCard(<ModelCardCard />, { entity: churnGbm });

    const card = within(await screen.findByTestId('mlops-model-card-card'));
    expect(
      card.getByRole('heading', { name: 'Model card' }),
    ).toBeInTheDocument();
    expect(card.getByText('6 of 8 sections documented')).toBeInTheDocument();
    const overview = within(screen.getByTestId('model-card-overview'));
    expect(
      overview.getByRole('heading', { name: 'Overview' }),
    ).toBeInTheDocument();
    expect(overview.getByText('subscriber events').tagName).toBe('STRONG');
    expect(
      within(screen.getByTestId('model-card-limitations')).getByText(
        'Unreliable for subscribers younger than 30 days.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the sections the model does not document as missing', async () => {
    await renderEntityCard(<ModelCardCard />, { entity: churnGbm });

    expect(
      within(await screen.findByTestId('model-card-factors')).getByText(
        'Missing: document it under spec.modelCard.factors.',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('model-card-caveats')).getByText(/Missing/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Missing/)).toHaveLength(2);
  });

  it('marks every section as missing when the model has no model card', async () => {
    await renderEntityCard(<ModelCardCard />, {
      entity: { ...churnGbm, spec: { ...churnGbm.spec, modelCard: undefined } },
    });

    expect(
      await screen.findByText('0 of 8 sections documented'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Missing/)).toHaveLength(8);
  });
});
