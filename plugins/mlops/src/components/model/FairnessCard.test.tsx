import { screen, within } from '@testing-library/react';
import { churnGbm } from '../../__testUtils__/fixtures';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { FairnessCard } from './FairnessCard';

/** Each cell's text; a cell of two lines as `first / second`. */
function cells(name: RegExp) {
  return within(screen.getByRole('row', { name }))
    .getAllByRole('cell')
    .map(cell => {
      const lines = [...cell.children].filter(c => c.tagName === 'DIV');
      return lines.length
        ? lines.map(line => line.textContent).join(' / ')
        : cell.textContent;
    });
}

describe('FairnessCard', () => {
  it('checks each fairness result against its bound', async () => {
    await renderEntityCard(<FairnessCard />, { entity: churnGbm });

    expect(
      await screen.findByRole('heading', { name: 'Fairness' }),
    ).toBeInTheDocument();
    expect(cells(/^age-band/)).toEqual([
      'age-band / demographic-parity-difference',
      '0.04',
      '<= 0.1 / Passed',
    ]);
    expect(cells(/^gender/)).toEqual([
      'gender / disparate-impact-ratio',
      '0.72',
      '>= 0.8 / Failed',
    ]);
  });

  it('shows a result without a bound as informational', async () => {
    await renderEntityCard(<FairnessCard />, { entity: churnGbm });

    await screen.findByRole('heading', { name: 'Fairness' });
    expect(cells(/^region/)).toEqual([
      'region / equal-opportunity-difference',
      '0.02',
      '— / Not applicable',
    ]);
  });

  it('compares with <= when the result names no operator', async () => {
    await renderEntityCard(<FairnessCard />, {
      entity: {
        ...churnGbm,
        spec: {
          ...churnGbm.spec,
          fairness: [
            {
              attribute: 'age-band',
              metric: 'dpd',
              value: 0.2,
              threshold: 0.1,
            },
          ],
        },
      },
    });

    await screen.findByRole('heading', { name: 'Fairness' });
    expect(cells(/^age-band/)).toEqual([
      'age-band / dpd',
      '0.2',
      '<= 0.1 / Failed',
    ]);
  });

  it('says where to declare results when there are none', async () => {
    await renderEntityCard(<FairnessCard />, {
      entity: { ...churnGbm, spec: { ...churnGbm.spec, fairness: undefined } },
    });

    expect(
      await screen.findByText(/No fairness results declared/),
    ).toBeInTheDocument();
  });
});
