import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  KpiStatus,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  MlopsInfoCard,
  formatPeriod,
  Status,
  KPI_STATUS,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { formatKpiValue, formatProgress } from './format';
import {
  formatPercent,
  kpisByUnit,
  ListedUseCase,
  OverviewKpi,
  productionFreshness,
  UnitGroup,
} from './overview';

/** The headline's order: what delivers first, then what needs attention. */
const HEADLINE: readonly KpiStatus[] = [
  'on-track',
  'at-risk',
  'off-track',
  'overdue',
  'no-data',
];

const noWrap = { whiteSpace: 'nowrap' } as const;
const plainList = { listStyle: 'none', margin: 0, padding: 0 } as const;

function kpiCount(count: number): string {
  return `${count} ${count === 1 ? 'KPI' : 'KPIs'}`;
}

/** The Value tab of a use case, e.g. `/catalog/default/mlusecase/churn/value`. */
function useValueTabLink(): (useCaseRef: string) => string {
  const entityLink = useEntityRefLink();
  return useCaseRef => `${entityLink(useCaseRef)}/value`;
}

function StatusCounts(props: { counts: Record<KpiStatus, number> }) {
  return (
    <Box
      component="ul"
      aria-label="KPIs per status"
      data-testid="mlops-value-status-counts"
      display="flex"
      flexWrap="wrap"
      marginBottom={2}
      style={{ ...plainList, gap: 24 }}
    >
      {HEADLINE.map(status => (
        <Box
          component="li"
          key={status}
          display="flex"
          alignItems="center"
          style={{ gap: 8 }}
        >
          <Typography variant="body1" component="span">
            <strong>{kpiCount(props.counts[status] ?? 0)}</strong>
          </Typography>
          <Status of={KPI_STATUS} value={status} variant="chip" />
        </Box>
      ))}
    </Box>
  );
}

function ProgressCell(props: { kpi: OverviewKpi }) {
  const { kpi } = props;
  if (kpi.progress === undefined) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {kpi.latest ? 'No baseline and target to measure it' : 'No actual yet'}
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, Math.max(0, kpi.progress * 100))}
        aria-label={`Progress to target of ${kpi.kpi}, ${kpi.useCase.title}`}
        aria-valuetext={formatProgress(kpi.progress)}
        style={{ flex: 1, minWidth: 64, height: 8 }}
      />
      <Typography variant="body2" component="span" style={noWrap}>
        {formatPercent(kpi.progress)}
      </Typography>
    </Box>
  );
}

function UnitTable(props: { group: UnitGroup }) {
  const { unit, kpis } = props.group;
  const valueTab = useValueTabLink();
  const title = unit === undefined ? 'Without a unit' : `In ${unit}`;
  const label = unit === undefined ? 'KPIs without a unit' : `KPIs in ${unit}`;
  return (
    <Box component="section" aria-label={title} marginBottom={3}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>KPI</TableCell>
              <TableCell>Use case</TableCell>
              <TableCell style={{ minWidth: '12em' }}>
                Progress to target
              </TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Latest actual</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {kpis.map(kpi => (
              <TableRow key={`${kpi.useCase.entityRef} ${kpi.id}`}>
                {/* Material UI gives a body th the role cell; it is the row's header. */}
                <TableCell component="th" scope="row" role="rowheader">
                  {kpi.kpi}
                </TableCell>
                <TableCell>
                  <Link to={valueTab(kpi.useCase.entityRef)}>
                    {kpi.useCase.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <ProgressCell kpi={kpi} />
                </TableCell>
                <TableCell style={noWrap}>
                  <Status of={KPI_STATUS} value={kpi.status} variant="chip" />
                </TableCell>
                <TableCell>
                  {kpi.latest
                    ? `${formatKpiValue(
                        kpi.latest.value,
                        kpi.unit,
                      )} for ${formatPeriod(
                        kpi.latest.periodStart,
                        kpi.latest.periodEnd,
                      )}`
                    : 'None yet'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}

function UseCaseList(props: {
  title: string;
  description: string;
  empty: string;
  items: ListedUseCase[];
  testId: string;
}) {
  const { title, description, empty, items, testId } = props;
  const valueTab = useValueTabLink();
  return (
    <Box component="section" aria-label={title} data-testid={testId}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {description}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
          {items.map(({ useCase, kpis }) => (
            <li key={useCase.entityRef}>
              <Typography variant="body2" component="span">
                <Link to={valueTab(useCase.entityRef)}>{useCase.title}</Link>
                {kpis.length > 0 && `: ${kpis.join(', ')}`}
                {useCase.kpis.length === 0 && ': declares no KPI'}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

function ProductionLists(props: { overview: ValueOverview }) {
  const inProduction = props.overview.useCases.some(
    u => u.lifecycle === 'production',
  );
  if (!inProduction) {
    return (
      <Typography variant="body2">
        No use case is in production (<code>spec.lifecycle: production</code>)
        yet.
      </Typography>
    );
  }
  const lists = productionFreshness(props.overview);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <UseCaseList
          title="Fresh actuals"
          description="Every KPI has a current actual."
          empty="None: no production use case has a current actual for every KPI."
          items={lists.fresh}
          testId="mlops-value-fresh"
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <UseCaseList
          title="Without actuals"
          description="A KPI has no actual yet; the KPIs are named."
          empty="None: every KPI of a production use case has an actual."
          items={lists.withoutActuals}
          testId="mlops-value-without-actuals"
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <UseCaseList
          title="Check-in overdue"
          description="A KPI's next actual is overdue; the KPIs are named."
          empty="None: no check-in of a production use case is overdue."
          items={lists.overdue}
          testId="mlops-value-overdue"
        />
      </Grid>
    </Grid>
  );
}

/** The organisation's value: the headline, progress per unit, production use cases by freshness. */
export function ValueOverviewView(props: { overview: ValueOverview }) {
  const { overview } = props;
  const groups = kpisByUnit(overview);
  return (
    <>
      <StatusCounts counts={overview.statusCounts} />
      <Typography variant="h6" component="h3">
        Progress to target
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        One table per unit, so that numbers in different units are never added
        up; within each, the KPI with the least progress first.
      </Typography>
      {groups.length === 0 ? (
        <Typography variant="body2" paragraph>
          No use case declares a KPI yet (<code>spec.businessDrivers</code>).
        </Typography>
      ) : (
        groups.map(group => <UnitTable key={group.unit ?? ''} group={group} />)
      )}
      <Box marginTop={1}>
        <Typography variant="h6" component="h3" gutterBottom>
          Production use cases
        </Typography>
        <ProductionLists overview={overview} />
      </Box>
    </>
  );
}

/**
 * The business value of the use cases the reader may see, for the
 * organisation page: KPIs per status, each KPI's progress to target grouped
 * by unit, and the production use cases whose actuals are fresh, missing or
 * overdue, each linking to the use case's Value tab.
 */
export function ValueOverviewSection() {
  const overview = useMlops(api => api.getValueOverview(), []);
  let body;
  if (overview.error) body = <ResponseErrorPanel error={overview.error} />;
  else if (!overview.value) body = <Progress />;
  else if (overview.value.useCases.length === 0) {
    body = (
      <Typography variant="body2">
        No use case that you may see is in the catalog yet. Register an
        MLUseCase with KPIs in <code>spec.businessDrivers</code>; its value
        appears here once actuals are reported.
      </Typography>
    );
  } else body = <ValueOverviewView overview={overview.value} />;
  return (
    <MlopsInfoCard
      title="Business value"
      testId="mlops-org-value"
      subheader="Whether the use cases deliver the value promised: KPIs per status, progress to target per unit, and how current the actuals of production use cases are"
    >
      {body}
    </MlopsInfoCard>
  );
}
