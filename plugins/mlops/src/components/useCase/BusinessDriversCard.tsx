import { TableColumn } from '@backstage/core-components';
import { BusinessDriver } from '@mlightenment/backstage-plugin-mlops-common';
import { formatNumber, MlopsTableCard } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Business drivers';

const columns: TableColumn<BusinessDriver>[] = [
  { title: 'Driver', field: 'driver' },
  { title: 'KPI', field: 'kpi' },
  { title: 'Baseline', render: row => formatNumber(row.baseline) },
  { title: 'Target', render: row => formatNumber(row.target) },
  { title: 'Unit', render: row => row.unit ?? '—' },
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
