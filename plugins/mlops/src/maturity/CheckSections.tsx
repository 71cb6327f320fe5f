import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, TableColumn } from '@backstage/core-components';
import {
  MlopsInfoCard,
  MlopsTableCard,
  formatDate,
  Status,
  CHECK_OUTCOME_STATUS,
} from '../components/shared';
import { CheckRow, rowsByStage } from './checkRows';
import { formatLevel } from './format';
import type {
  EntityScorecard,
  MaturityLevelDefinition,
} from '@mlightenment/backstage-plugin-mlops-common';

function checkTitle(row: CheckRow): string {
  return row.check?.title ?? row.result.checkId;
}

/** The remediation of a check: what to do, and where to read more. */
function HowToFix(props: { row: CheckRow }) {
  const remediation = props.row.check?.remediation;
  if (!remediation) return null;
  return (
    <Typography variant="body2">
      <strong>How to fix:</strong> {remediation.text}
      {remediation.link && (
        <>
          {' '}
          <Link to={remediation.link} underline="always">
            Read more
          </Link>
        </>
      )}
    </Typography>
  );
}

/** The exemption behind an exempt outcome: why, and until when. */
function Exemption(props: { row: CheckRow }) {
  const exemption = props.row.result.exemption;
  if (!exemption) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      Exempt until {formatDate(exemption.expiresAt)}: {exemption.justification}
    </Typography>
  );
}

/**
 * "What's needed for level N+1": each check that holds the entity below the
 * next level, why, and how to fix it. Nothing is needed at the top level.
 */
export function NextLevelCard(props: {
  scorecard: EntityScorecard;
  levels: readonly MaturityLevelDefinition[];
  blocking: CheckRow[];
}) {
  const { scorecard, levels, blocking } = props;
  const next = scorecard.nextLevel;
  if (!next) {
    return (
      <MlopsInfoCard title="What's needed next" testId="mlops-next-level">
        <Typography variant="body1">
          {formatLevel(scorecard.level, levels)} is the top level: nothing more
          is needed.
        </Typography>
      </MlopsInfoCard>
    );
  }
  return (
    <MlopsInfoCard
      title={`What's needed for level ${next.level}`}
      subheader={`${formatLevel(next.level, levels)}: ${next.blocking.length} ${
        next.blocking.length === 1 ? 'check' : 'checks'
      } to pass`}
      testId="mlops-next-level"
    >
      <ul aria-label={`Checks blocking level ${next.level}`}>
        {blocking.map(row => (
          <li key={row.result.checkId}>
            <Box marginBottom={1.5}>
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Typography variant="subtitle2" component="h3">
                  {checkTitle(row)}
                </Typography>
                <Status of={CHECK_OUTCOME_STATUS} value={row.result.outcome} />
                {row.check && (
                  <Typography variant="caption" color="textSecondary">
                    Level {row.check.level}
                  </Typography>
                )}
              </Box>
              <Typography variant="body2">{row.result.reason}</Typography>
              <HowToFix row={row} />
            </Box>
          </li>
        ))}
      </ul>
    </MlopsInfoCard>
  );
}

const columns: TableColumn<CheckRow>[] = [
  {
    title: 'Outcome',
    field: 'result.outcome',
    width: '14em',
    render: row => (
      <Status of={CHECK_OUTCOME_STATUS} value={row.result.outcome} />
    ),
  },
  {
    title: 'Level',
    field: 'check.level',
    width: '5em',
    render: row => row.check?.level ?? '—',
  },
  {
    title: 'Check',
    field: 'check.title',
    render: row => (
      <>
        <Typography variant="body2">{checkTitle(row)}</Typography>
        {row.check && (
          <Typography variant="caption" color="textSecondary">
            {row.check.description}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Reason',
    field: 'result.reason',
    render: row => (
      <>
        <Typography variant="body2">{row.result.reason}</Typography>
        <Exemption row={row} />
      </>
    ),
  },
];

/** Every check of the scorecard in a table per framework stage. */
export function StageSections(props: { rows: CheckRow[] }) {
  const { stages, unplaced } = rowsByStage(props.rows);
  return (
    <>
      {stages.map(({ stage, rows }) => (
        <Box key={stage.id} marginBottom={2}>
          <MlopsTableCard<CheckRow>
            title={`Stage ${stage.number}: ${stage.title}`}
            testId={`mlops-stage-${stage.id}`}
            columns={columns}
            rows={rows}
            emptyMessage="No check of the rubric applies to this entity in this stage."
          />
        </Box>
      ))}
      {unplaced.length > 0 && (
        <MlopsTableCard<CheckRow>
          title="Checks the rubric does not describe"
          testId="mlops-stage-unplaced"
          columns={columns}
          rows={unplaced}
          emptyMessage=""
        />
      )}
    </>
  );
}
