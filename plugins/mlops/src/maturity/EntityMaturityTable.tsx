import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MlopsTableCard } from '../components/shared';
import { describeChange, formatChange, formatLevel } from './format';
import type {
  EntityMaturity,
  MaturityLevelDefinition,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A change as an arrow and a number, with the words for screen readers. */
export function Change(props: { change: number; what: string }) {
  return (
    <Typography
      variant="body2"
      component="span"
      aria-label={describeChange(props.change, props.what)}
      title={describeChange(props.change, props.what)}
    >
      {formatChange(props.change)}
    </Typography>
  );
}

function columns(
  levels: readonly MaturityLevelDefinition[],
  days: number,
): TableColumn<EntityMaturity>[] {
  return [
    {
      title: 'Entity',
      field: 'title',
      highlight: true,
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    { title: 'Kind', field: 'kind' },
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? <EntityRefLink entityRef={row.owner} /> : '—',
    },
    {
      title: 'Level',
      field: 'level',
      type: 'numeric',
      align: 'left',
      render: row => formatLevel(row.level, levels),
    },
    { title: 'Score', field: 'score', type: 'numeric', align: 'left' },
    {
      title: `Level change (${days} days)`,
      field: 'levelChange',
      type: 'numeric',
      align: 'left',
      render: row => <Change change={row.levelChange} what="Level" />,
    },
    {
      title: `Score change (${days} days)`,
      field: 'scoreChange',
      type: 'numeric',
      align: 'left',
      render: row => <Change change={row.scoreChange} what="Score" />,
    },
  ];
}

/**
 * Columns that fit a third of the page: the entity, its level as `L2` (the
 * level's name on hover), its score and its level change.
 */
function compactColumns(
  levels: readonly MaturityLevelDefinition[],
): TableColumn<EntityMaturity>[] {
  return [
    {
      title: 'Entity',
      field: 'title',
      highlight: true,
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Level',
      field: 'level',
      type: 'numeric',
      align: 'left',
      render: row => (
        <Typography
          variant="body2"
          component="span"
          title={formatLevel(row.level, levels)}
          style={{ whiteSpace: 'nowrap' }}
        >
          L{row.level}
        </Typography>
      ),
    },
    { title: 'Score', field: 'score', type: 'numeric', align: 'left' },
    {
      title: 'Change',
      field: 'levelChange',
      type: 'numeric',
      align: 'left',
      render: row => <Change change={row.levelChange} what="Level" />,
    },
  ];
}

/** A titled, sortable table of entities with their level, score and change. */
export function EntityMaturityTable(props: {
  title: string;
  testId: string;
  rows: EntityMaturity[];
  levels: readonly MaturityLevelDefinition[];
  days: number;
  emptyMessage: string;
  /** Fewer columns, for a narrow column of the page. */
  compact?: boolean;
}) {
  return (
    <MlopsTableCard<EntityMaturity>
      title={props.title}
      testId={props.testId}
      columns={
        props.compact
          ? compactColumns(props.levels)
          : columns(props.levels, props.days)
      }
      rows={props.rows}
      emptyMessage={props.emptyMessage}
    />
  );
}
