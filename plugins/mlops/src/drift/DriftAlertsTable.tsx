import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MlopsInfoCard,
  formatDateTime,
  Status,
  DRIFT_STATE_STATUS,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { sortBySeverity } from './format';

const noWrap = { whiteSpace: 'nowrap' } as const;

/** The models in alert, stale or warning across the organisation, worst first. */
export function DriftAlertsTable() {
  const alerts = useMlops(api => api.getDriftAlerts(), []);

  let body;
  if (alerts.error) body = <ResponseErrorPanel error={alerts.error} />;
  else if (!alerts.value) body = <Progress />;
  else if (alerts.value.models.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No model is in alert, stale or warning.
      </Typography>
    );
  } else {
    const rows = sortBySeverity(
      alerts.value.models.map(m => ({ ...m, name: m.title ?? m.entityRef })),
    );
    body = (
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Models drifting">
          <TableHead>
            <TableRow>
              <TableCell>Model</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Since</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Monitors</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.entityRef}>
                <TableCell component="th" scope="row">
                  <EntityRefLink entityRef={row.entityRef} title={row.title} />
                </TableCell>
                <TableCell style={noWrap}>
                  <Status of={DRIFT_STATE_STATUS} value={row.state} />
                </TableCell>
                <TableCell style={noWrap}>
                  {row.since ? formatDateTime(row.since) : '—'}
                </TableCell>
                <TableCell>
                  {row.owner ? (
                    <EntityRefLink entityRef={row.owner} defaultKind="group" />
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>
                  {sortBySeverity(
                    row.monitors.map(m => ({ ...m, name: m.entityRef })),
                  ).map(monitor => (
                    <Box
                      key={monitor.entityRef}
                      display="flex"
                      flexWrap="wrap"
                      style={{ columnGap: 8 }}
                    >
                      <EntityRefLink entityRef={monitor.entityRef} />
                      <Status of={DRIFT_STATE_STATUS} value={monitor.state} />
                    </Box>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    );
  }
  return (
    <MlopsInfoCard
      title="Models drifting"
      testId="mlops-org-drift"
      subheader="Models in alert, stale or warning, the most severe first"
    >
      {body}
    </MlopsInfoCard>
  );
}
