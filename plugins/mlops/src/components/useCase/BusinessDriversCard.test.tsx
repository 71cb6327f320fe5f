import { screen, within } from '@testing-library/react';
import { churnUseCase } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { BusinessDriversCard } from './BusinessDriversCard';

describe('BusinessDriversCard', () => {
  it('lists each driver with its KPI, and its baseline and target in its unit', async () => {
    await renderEntityCard(<BusinessDriversCard />, { entity: churnUseCase });

    expect(
      await screen.findByRole('heading', { name: 'Business drivers' }),
    ).toBeInTheDocument();
    const row = within(screen.getByRole('row', { name: /Reduce churn/ }));
    expect(row.getAllByRole('cell').map(cell => cell.textContent)).toEqual([
      'Reduce churn',
      'monthly-churn-rate',
      '2.4\u00a0%',
      '1.8\u00a0%',
    ]);
  });

  it('says where to declare drivers when there are none', async () => {
    await renderEntityCard(<BusinessDriversCard />, {
      entity: {
        ...churnUseCase,
        spec: { ...churnUseCase.spec, businessDrivers: undefined },
      },
    });

    expect(
      await screen.findByText(/No business drivers declared/),
    ).toBeInTheDocument();
  });
});
