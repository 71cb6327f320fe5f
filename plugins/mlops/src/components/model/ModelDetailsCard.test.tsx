import { screen, within } from '@testing-library/react';
import { churnGbm, churnLogit } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ModelDetailsCard } from './ModelDetailsCard';

describe('ModelDetailsCard', () => {
  it('shows type, framework, version, lifecycle and a link into the registry', async () => {
    await renderEntityCard(<ModelDetailsCard />, { entity: churnGbm });

    const card = within(await screen.findByTestId('mlops-model-details-card'));
    expect(
      card.getByRole('heading', { name: 'Model details' }),
    ).toBeInTheDocument();
    expect(card.getByText('classification')).toBeInTheDocument();
    expect(card.getByText('xgboost')).toBeInTheDocument();
    expect(card.getByText('3.2.0')).toBeInTheDocument();
    expect(card.getByText('production')).toBeInTheDocument();
    expect(
      card.getByRole('link', { name: 'models:/churn-gbm/7' }),
    ).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/models/churn-gbm/versions/7',
    );
  });

  it('marks the optional fields the model leaves out as not set', async () => {
    await renderEntityCard(<ModelDetailsCard />, { entity: churnLogit });

    const card = within(await screen.findByTestId('mlops-model-details-card'));
    expect(card.getAllByText('Not set')).toHaveLength(3);
  });
});
