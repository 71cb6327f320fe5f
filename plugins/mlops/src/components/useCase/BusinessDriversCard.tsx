import { TableColumn } from '@backstage/core-components';
import { BusinessDriver } from '@mlightenment/backstage-plugin-mlops-common';
import { formatNumber, MlopsTableCard } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Business drivers';

/** `2.8 %`, `96 EUR`: a value with its unit, never broken across lines. */
function withUnit(value: number | undefined, unit: string | undefined) {
  return value === undefined || !unit
    ? formatNumber(value)
    : `${formatNumber(value)}\u00a0${unit}`;
}

// Four columns, the unit beside each value, so that the table fits a card
// half as wide as the page on a laptop.
const columns: TableColumn<BusinessDriver>[] = [
  { title: 'Driver', field: 'driver' },
  { title: 'KPI', field: 'kpi' },
  {
    title: 'Baseline',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => withUnit(row.baseline, row.unit),
  },
  {
    title: 'Target',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => withUnit(row.target, row.unit),
  },
];

/** The business drivers of the use case, each linked to a KPI. */
export function BusinessDriversCard() {
  const { entity, mismatch } = useCardEntity('MLUseCase', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsTableCard
      title={TITLE}
      testId="mlops-business-drivers-card"
      columns={columns}
      rows={(entity.spec.businessDrivers ?? []).map(driver => ({
        ...driver,
      }))}
      emptyMessage="No business drivers declared. Add them under spec.businessDrivers."
    />
  );
}
