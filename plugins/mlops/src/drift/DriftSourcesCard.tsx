import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  SOURCE_BINDING_STATE_LABELS,
  SourceBindingState,
  SourceBindingStatus,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatDateTime,
  MlopsInfoCard,
  Status,
  StatusVocabulary,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';

const BINDING_STATE: StatusVocabulary<SourceBindingState> = {
  labels: SOURCE_BINDING_STATE_LABELS,
  tones: { ok: 'ok', 'no-data': 'neutral', failed: 'error' },
};

// Words stay whole (Backstage's theme lets a cell break one anywhere); a
// query, one long word of PromQL, breaks where it must.
const useStyles = makeStyles(
  {
    table: {
      '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
    },
    query: { overflowWrap: 'anywhere' },
  },
  { name: 'MlopsDriftSourcesCard' },
);

const samples = (n: number) =>
  `${n.toLocaleString('en-GB')} sample${n === 1 ? '' : 's'}`;

function Secondary(props: { children: ReactNode; className?: string }) {
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      component="div"
      className={props.className}
    >
      {props.children}
    </Typography>
  );
}

function Binding(props: { binding: SourceBindingStatus }) {
  const { binding } = props;
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2" component="div">
        {binding.binding}
      </Typography>
      <Secondary className={classes.query}>
        {binding.source}
        {binding.description && (
          <>
            {' '}
            <Box component="code">{binding.description}</Box>
          </>
        )}
      </Secondary>
    </>
  );
}

function LastPull(props: { binding: SourceBindingStatus }) {
  const { binding } = props;
  return (
    <>
      <Status of={BINDING_STATE} value={binding.state} />
      <Typography variant="body2" component="div">
        {formatDateTime(binding.lastPullAt)}
      </Typography>
      <Secondary>
        {binding.pulledThrough
          ? `imported through ${formatDateTime(binding.pulledThrough)}`
          : 'nothing imported yet'}
      </Secondary>
    </>
  );
}

/**
 * The bindings of the monitor on the page to drift sources (for Prometheus
 * one query per feature, `spec.source`) and how their scheduled pulls went:
 * the last pull, the samples it imported and skipped, the last error in
 * the source's own words.
 */
export function DriftSourcesCard() {
  const { entity } = useEntity();
  const monitorRef = stringifyEntityRef(entity);
  const status = useMlops(
    api => api.getDriftSourceStatus(monitorRef),
    [monitorRef],
  );
  const title = entity.metadata.title ?? entity.metadata.name;
  const classes = useStyles();

  let body;
  if (status.error) body = <ResponseErrorPanel error={status.error} />;
  else if (!status.value) body = <Progress />;
  else if (status.value.bindings.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not pulled yet: the bindings in spec.source are pulled on the source's
        schedule (for Prometheus every 15 minutes by default).
      </Typography>
    );
  } else {
    body = (
      <Box style={{ overflowX: 'auto' }}>
        <Table
          size="small"
          aria-label={`Source bindings of ${title}`}
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Binding</TableCell>
              <TableCell>Last pull</TableCell>
              <TableCell>Imported</TableCell>
              <TableCell>Skipped</TableCell>
              <TableCell>Last error</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {status.value.bindings.map(binding => (
              <TableRow key={`${binding.source}:${binding.binding}`}>
                <TableCell component="th" scope="row">
                  <Binding binding={binding} />
                </TableCell>
                <TableCell>
                  <LastPull binding={binding} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2" component="div">
                    {samples(binding.imported)}
                  </Typography>
                  <Secondary>
                    {binding.totalImported.toLocaleString('en-GB')} in all
                  </Secondary>
                </TableCell>
                <TableCell>
                  <Typography variant="body2" component="div">
                    {samples(binding.skipped)}
                  </Typography>
                  {binding.skipped > 0 && (
                    <Secondary>NaN or infinite</Secondary>
                  )}
                </TableCell>
                <TableCell>
                  {binding.lastError ? (
                    <>
                      <Typography variant="body2" component="div">
                        {formatDateTime(binding.lastError.at)}
                      </Typography>
                      <Secondary className={classes.query}>
                        {binding.lastError.message}
                      </Secondary>
                    </>
                  ) : (
                    'None'
                  )}
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
      title="Source bindings"
      testId="mlops-drift-sources"
      subheader="Where this monitor's observations are pulled from, and how the last pull went"
    >
      {body}
    </MlopsInfoCard>
  );
}
