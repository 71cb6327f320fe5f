import { TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  BusinessDriver,
  isMLUseCaseEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { formatNumber, KindMismatchPanel, MlopsTableCard } from '../shared';

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
  const { entity } = useEntity();
  if (!isMLUseCaseEntity(entity)) {
    return <KindMismatchPanel title={TITLE} kind="MLUseCase" />;
  }
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
