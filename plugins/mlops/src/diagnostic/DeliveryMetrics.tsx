import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { InfoCard } from '@backstage/core-components';
import type {
  AdoptionDiagnostic,
  DeliveryMetric,
} from '@mlightenment/backstage-plugin-mlops-common';
import { EvidenceList } from './EvidenceList';
import { formatDate } from '../components/shared';
import { BAND_TEXT, formatIndicatorValue, formatThresholds } from './format';

function MetricRow(props: { metric: DeliveryMetric }) {
  const { metric } = props;
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="body2">{metric.label}</Typography>
        <details>
          <summary>
            <Typography variant="caption" component="span">
              How it is computed
            </Typography>
          </summary>
          <Typography variant="body2">
            {metric.formula} Bands: {formatThresholds(metric)}.
          </Typography>
        </details>
      </TableCell>
      <TableCell>
        {metric.value === null ? (
          <Typography variant="body2">
            Unknown: {metric.missing ?? 'nothing to measure it by'}
          </Typography>
        ) : (
          <>
            {formatIndicatorValue(metric.value, metric.unit)}
            {metric.bandValue !== undefined && (
              <Typography variant="body2">
                {formatIndicatorValue(metric.bandValue, metric.unit)} per
                production model
              </Typography>
            )}
          </>
        )}
      </TableCell>
      <TableCell>
        {metric.band ? <strong>{BAND_TEXT[metric.band]}</strong> : 'No band'}
      </TableCell>
      <TableCell>{metric.sampleSize}</TableCell>
      <TableCell>
        <EvidenceList label={metric.label} evidence={metric.evidence} />
      </TableCell>
    </TableRow>
  );
}

/**
 * The delivery metrics of models in the diagnostic's window — lead time,
 * change frequency, change failure rate, time to restore — each with its
 * DORA-style band in words.
 */
export function DeliveryMetrics(props: { diagnostic: AdoptionDiagnostic }) {
  const { diagnostic } = props;
  return (
    <Box data-testid="mlops-diagnostic-delivery">
      <InfoCard
        title={`Delivery metrics of models, last ${diagnostic.days} days`}
        titleTypographyProps={{ component: 'h3', variant: 'h5' }}
        subheader={
          diagnostic.modelHistorySince
            ? `Model versions recorded since ${formatDate(
                diagnostic.modelHistorySince,
              )}, when the portal started recording them.`
            : 'The portal has not recorded model versions yet.'
        }
      >
        <Box overflow="auto">
          <Table size="small" aria-label="Delivery metrics of models">
            <TableHead>
              <TableRow>
                <TableCell>Metric</TableCell>
                <TableCell>Value</TableCell>
                <TableCell>Band</TableCell>
                <TableCell>Events</TableCell>
                <TableCell>Evidence</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {diagnostic.delivery.map(metric => (
                <MetricRow key={metric.id} metric={metric} />
              ))}
            </TableBody>
          </Table>
        </Box>
      </InfoCard>
    </Box>
  );
}
