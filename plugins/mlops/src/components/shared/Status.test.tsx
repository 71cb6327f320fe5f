import { renderInTestApp } from '@backstage/test-utils';
import { Status, StatusVocabulary } from './Status';
import {
  CHECK_OUTCOME_STATUS,
  DRIFT_STATE_STATUS,
  GATE_STATE_STATUS,
  KPI_STATUS,
} from './statusVocabularies';

const VOCABULARIES: [string, StatusVocabulary<string>][] = [
  ['check outcome', CHECK_OUTCOME_STATUS],
  ['drift state', DRIFT_STATE_STATUS],
  ['gate state', GATE_STATE_STATUS],
  ['KPI status', KPI_STATUS],
];

describe('Status', () => {
  it.each(VOCABULARIES)(
    'shows each %s as its word beside an icon, as a label and as a chip',
    async (_, vocabulary) => {
      const values = Object.keys(vocabulary.labels);
      const { getAllByTestId } = await renderInTestApp(
        <ul>
          {values.map(value => (
            <li key={value} data-testid="status">
              <Status of={vocabulary} value={value} />
              <Status of={vocabulary} value={value} variant="chip" />
            </li>
          ))}
        </ul>,
      );
      getAllByTestId('status').forEach((item, i) => {
        const label = vocabulary.labels[values[i]];
        expect(item).toHaveTextContent(`${label}${label}`);
        // A neutral status has no colour to go without: its word is grey.
        const icons = vocabulary.tones[values[i]] === 'neutral' ? 1 : 2;
        expect(item.querySelectorAll('svg')).toHaveLength(icons);
      });
    },
  );

  it('gives each tone a label icon of its own shape', async () => {
    const { getByText } = await renderInTestApp(
      <>
        <Status of={GATE_STATE_STATUS} value="approved" />
        <Status of={GATE_STATE_STATUS} value="rejected" />
        <Status of={GATE_STATE_STATUS} value="changes-requested" />
        <Status of={GATE_STATE_STATUS} value="ready-for-review" />
        <Status of={GATE_STATE_STATUS} value="not-started" />
      </>,
    );
    const shapes = [
      'Approved',
      'Rejected',
      'Changes requested',
      'Ready for review',
      'Not started',
    ].map(word => getByText(word).querySelector('svg')?.innerHTML);
    expect(new Set(shapes).size).toBe(5);
  });

  it('lets a screen reader read the word of a label: it is not hidden from the accessibility tree', async () => {
    const { getByText } = await renderInTestApp(
      <Status of={DRIFT_STATE_STATUS} value="alert" />,
    );
    const word = getByText(DRIFT_STATE_STATUS.labels.alert);
    expect(word.closest('[aria-hidden="true"]')).toBeNull();
    expect(word).not.toHaveAttribute('aria-label');
  });

  it('carries the vocabulary test id, so that a KPI status is found as before', async () => {
    const { getByTestId } = await renderInTestApp(
      <Status of={KPI_STATUS} value="overdue" variant="chip" />,
    );
    expect(getByTestId('mlops-kpi-status')).toHaveTextContent('Overdue');
  });
});
