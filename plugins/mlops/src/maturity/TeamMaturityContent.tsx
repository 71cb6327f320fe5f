import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';
import {
  ErrorText,
  KindButtons,
  MlopsInfoCard,
  Period,
  PeriodButtons,
  saveBlob,
} from '../components/shared';
import { mlopsApiRef } from '../api';
import { hasStatus } from '../api/errors';
import { EntityMaturityTable } from './EntityMaturityTable';
import { formatLevel } from './format';
import { useMlops } from '../hooks/useMlops';
import { LevelDistribution } from './LevelDistribution';
import type { TeamMaturity } from '@mlightenment/backstage-plugin-mlops-common';

function ExportButton(props: {
  groupRef: string;
  days: Period;
  kind?: MlopsKind;
}) {
  const api = useApi(mlopsApiRef);
  const [failure, setFailure] = useState<string>();
  const exportCsv = async () => {
    setFailure(undefined);
    try {
      const blob = await api.getTeamExport(props.groupRef, {
        days: props.days,
        kind: props.kind,
      });
      const name = props.groupRef.split('/').pop();
      saveBlob(blob, `${name}-mlops-maturity-${props.days}-days.csv`);
    } catch (error) {
      setFailure(
        `Export failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  };
  return (
    <Box>
      <Button variant="outlined" startIcon={<GetAppIcon />} onClick={exportCsv}>
        Export CSV
      </Button>
      <Box role="status">{failure && <ErrorText>{failure}</ErrorText>}</Box>
    </Box>
  );
}

/**
 * The summary, distribution and tables of a team that owns entities. The
 * leaderboard comes a page at a time; `onMore` fetches the next one.
 */
export function TeamMaturityView(props: {
  team: TeamMaturity;
  onMore?: () => Promise<void>;
}) {
  const { team, onMore } = props;
  const { summary, levels, days } = team;
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailure, setMoreFailure] = useState<string>();
  const shown = team.entities.length;
  const more = async () => {
    if (!onMore) return;
    setLoadingMore(true);
    setMoreFailure(undefined);
    try {
      await onMore();
    } catch (error) {
      setMoreFailure(
        `Could not load more: ${
          error instanceof Error ? error.message : error
        }`,
      );
    } finally {
      setLoadingMore(false);
    }
  };
  const table = (
    title: string,
    testId: string,
    rows: TeamMaturity['entities'],
    emptyMessage: string,
    compact = true,
  ) => (
    <EntityMaturityTable
      title={title}
      testId={testId}
      rows={rows.map(row => ({ ...row }))}
      levels={levels}
      days={days}
      emptyMessage={emptyMessage}
      compact={compact}
    />
  );
  return (
    <Grid container spacing={3} data-testid="mlops-team-maturity-content">
      <Grid item xs={12} md={4}>
        <MlopsInfoCard title="Summary" testId="mlops-team-summary">
          <StructuredMetadataTable
            dense
            metadata={{
              Entities: summary.entityCount,
              Score: `${summary.score} / 100`,
              'Median level': formatLevel(summary.medianLevel, levels),
              Groups: team.groups.length,
            }}
          />
        </MlopsInfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <MlopsInfoCard
          title="Entities by level"
          testId="mlops-team-distribution"
        >
          <LevelDistribution
            distribution={summary.distribution}
            levels={levels}
          />
        </MlopsInfoCard>
      </Grid>
      <Grid item xs={12}>
        {table(
          'Leaderboard',
          'mlops-team-leaderboard',
          team.entities,
          'No entities.',
          false,
        )}
        {shown < summary.entityCount && (
          <Box
            display="flex"
            alignItems="center"
            marginTop={1}
            style={{ gap: 16 }}
          >
            <Typography variant="body2">
              Showing {shown} of {summary.entityCount} entities; the CSV export
              has them all.
            </Typography>
            {onMore && (
              <Button variant="outlined" onClick={more} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Show more'}
              </Button>
            )}
            <Box role="status">
              {moreFailure && <ErrorText>{moreFailure}</ErrorText>}
            </Box>
          </Box>
        )}
      </Grid>
      <Grid item xs={12} xl={4}>
        {table('Weakest', 'mlops-team-weakest', team.weakest, 'None.')}
      </Grid>
      <Grid item xs={12} xl={4}>
        {table(
          'Most improved',
          'mlops-team-most-improved',
          team.mostImproved,
          `No entity improved in the last ${days} days.`,
        )}
      </Grid>
      <Grid item xs={12} xl={4}>
        {table(
          'Biggest drops',
          'mlops-team-biggest-drops',
          team.biggestDrops,
          `No entity dropped in the last ${days} days.`,
        )}
      </Grid>
    </Grid>
  );
}

function NoEntities(props: { kind?: MlopsKind }) {
  return (
    <EmptyState
      missing="data"
      title={
        props.kind
          ? `This group owns no ${props.kind} entities`
          : 'This group owns no ML entities'
      }
      description="Use cases, models and monitors owned by the group or by groups below it appear here once the backend has evaluated them."
    />
  );
}

/**
 * The "MLOps maturity" tab of a group: the maturity of everything the group
 * and the groups below it own, over a chosen period and kind.
 */
export function TeamMaturityContent() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const [days, setDays] = useState<Period>(30);
  const [kind, setKind] = useState<MlopsKind>();
  const api = useApi(mlopsApiRef);
  const team = useMlops(
    mlops => mlops.getTeamMaturity(groupRef, { days, kind }),
    [groupRef, days, kind],
  );
  // Further pages of the leaderboard, appended to the first; reset with it.
  const [extra, setExtra] = useState<{
    of?: TeamMaturity;
    entities: TeamMaturity['entities'];
  }>({ entities: [] });
  const more =
    extra.of === team.value ? extra.entities : ([] as typeof extra.entities);

  let body;
  if (team.error && hasStatus(team.error, 404))
    body = <NoEntities kind={kind} />;
  else if (team.error) body = <ResponseErrorPanel error={team.error} />;
  else if (!team.value || team.loading) body = <Progress />;
  else if (team.value.summary.entityCount === 0)
    body = <NoEntities kind={kind} />;
  else {
    const first = team.value;
    const shown = { ...first, entities: [...first.entities, ...more] };
    body = (
      <TeamMaturityView
        team={shown}
        onMore={async () => {
          const next = await api.getTeamMaturity(groupRef, {
            days,
            kind,
            offset: shown.entities.length,
            limit: first.page.limit,
          });
          setExtra({ of: first, entities: [...more, ...next.entities] });
        }}
      />
    );
  }

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        marginBottom={2}
        style={{ gap: 16 }}
      >
        <PeriodButtons value={days} onChange={setDays} />
        <KindButtons value={kind} onChange={setKind} />
        <Box flexGrow={1} />
        <ExportButton groupRef={groupRef} days={days} kind={kind} />
      </Box>
      {body}
    </>
  );
}
