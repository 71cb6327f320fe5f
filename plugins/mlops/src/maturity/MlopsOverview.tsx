import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';
import {
  KindButtons,
  MlopsInfoCard,
  MlopsTableCard,
  Period,
  PeriodButtons,
} from '../components/shared';
import { EntityMaturityTable } from './EntityMaturityTable';
import { formatLevel } from './format';
import { useMlops } from '../hooks/useMlops';
import { LevelDistribution, MiniDistribution } from './LevelDistribution';
import { DriftAlertsTable } from '../drift/DriftAlertsTable';
import { GateFunnelSection } from '../gates/GateFunnelSection';
import { ValueOverviewSection } from '../value/ValueOverviewSection';
import { SponsorHomeSection } from '../value/SponsorHomeSection';
import { DiagnosticContent } from '../diagnostic';
import { RejectedEntitiesSection } from '../rejected';
import type {
  MaturityLevelDefinition,
  MaturityOverview,
  TeamSummary,
} from '@mlightenment/backstage-plugin-mlops-common';

function teamColumns(
  levels: readonly MaturityLevelDefinition[],
): TableColumn<TeamSummary>[] {
  return [
    {
      title: 'Team',
      field: 'title',
      highlight: true,
      render: row => <EntityRefLink entityRef={row.teamRef} />,
    },
    {
      title: 'Entities',
      field: 'summary.entityCount',
      type: 'numeric',
      align: 'left',
    },
    {
      title: 'Entities by level',
      field: 'summary.distribution',
      sorting: false,
      render: row => (
        <MiniDistribution distribution={row.summary.distribution} />
      ),
    },
    {
      title: 'Median level',
      field: 'summary.medianLevel',
      type: 'numeric',
      align: 'left',
      render: row => formatLevel(row.summary.medianLevel, levels),
    },
    {
      title: 'Score',
      field: 'summary.score',
      type: 'numeric',
      align: 'left',
    },
  ];
}

/** The organisation's summary, its teams and its biggest drops. */
export function OverviewView(props: { overview: MaturityOverview }) {
  const { overview } = props;
  const { summary, levels, days } = overview;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <MlopsInfoCard title="Organisation" testId="mlops-org-summary">
          <StructuredMetadataTable
            dense
            metadata={{
              Entities: summary.entityCount,
              Teams: overview.teams.length,
              Score: `${summary.score} / 100`,
              'Median level': formatLevel(summary.medianLevel, levels),
            }}
          />
        </MlopsInfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <MlopsInfoCard
          title="Entities by level"
          testId="mlops-org-distribution"
        >
          <LevelDistribution
            distribution={summary.distribution}
            levels={levels}
          />
        </MlopsInfoCard>
      </Grid>
      <Grid item xs={12}>
        <MlopsTableCard<TeamSummary>
          title="Teams"
          testId="mlops-org-teams"
          columns={teamColumns(levels)}
          rows={overview.teams.map(team => ({ ...team }))}
          emptyMessage="No team owns ML entities yet."
        />
      </Grid>
      <Grid item xs={12}>
        <EntityMaturityTable
          title="Biggest drops"
          testId="mlops-org-biggest-drops"
          rows={overview.biggestDrops.map(row => ({ ...row }))}
          levels={levels}
          days={days}
          emptyMessage={`No entity dropped in the last ${days} days.`}
        />
      </Grid>
    </Grid>
  );
}

/** MLOps maturity across the organisation, with period and kind filters. */
export function MlopsOverview() {
  const [days, setDays] = useState<Period>(30);
  const [kind, setKind] = useState<MlopsKind>();
  const overview = useMlops(
    api => api.getOverview({ days, kind }),
    [days, kind],
  );

  let body;
  if (overview.error) body = <ResponseErrorPanel error={overview.error} />;
  else if (!overview.value || overview.loading) body = <Progress />;
  else if (overview.value.summary.entityCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No ML entities evaluated yet"
        description="Register use cases, models and monitors in the catalog; they appear here once the backend has evaluated them."
      />
    );
  } else body = <OverviewView overview={overview.value} />;

  return (
    <>
      <SponsorHomeSection />
      <Box display="flex" flexWrap="wrap" marginBottom={2} style={{ gap: 16 }}>
        <PeriodButtons value={days} onChange={setDays} />
        <KindButtons value={kind} onChange={setKind} />
      </Box>
      {body}
      <Box marginTop={3}>
        <DriftAlertsTable />
      </Box>
      <Box marginTop={3}>
        <GateFunnelSection />
      </Box>
      <Box marginTop={3}>
        <ValueOverviewSection />
      </Box>
      <Box marginTop={3}>
        <DiagnosticContent />
      </Box>
      <Box marginTop={3}>
        <RejectedEntitiesSection />
      </Box>
    </>
  );
}

/** The `/mlops` page of both frontend systems: Backstage's page layout, a header and the overview. */
export function MlopsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="MLOps maturity"
        subtitle="Use cases, models and monitors across the organisation"
      />
      <Content>
        <MlopsOverview />
      </Content>
    </Page>
  );
}
