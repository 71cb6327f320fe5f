import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AcceptanceCriterion,
  CriterionResult,
  MLModelEntityV1alpha1,
  evaluateModelAcceptance,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatCriterion,
  formatNumber,
  Status,
  CHECK_OUTCOME_STATUS,
} from '../shared';

function ResultCell(props: { result: CriterionResult }) {
  const { result } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 8, whiteSpace: 'nowrap' }}
    >
      <Typography variant="body2" component="span">
        {formatNumber(result.value)}
      </Typography>
      <Status of={CHECK_OUTCOME_STATUS} value={result.outcome} />
    </Box>
  );
}

/**
 * One row per acceptance criterion and one column per model: the model's
 * value of the criterion's metric and whether it meets the criterion, then
 * each model's overall outcome.
 */
export function AcceptanceMatrix(props: {
  criteria: AcceptanceCriterion[];
  models: MLModelEntityV1alpha1[];
}) {
  const { criteria, models } = props;
  const acceptances = models.map(model => ({
    entity: model,
    ...evaluateModelAcceptance(criteria, model),
  }));
  return (
    <Table size="small" aria-label="Acceptance criteria by model">
      <TableHead>
        <TableRow>
          <TableCell>Criterion</TableCell>
          {acceptances.map(acceptance => (
            <TableCell key={acceptance.model}>
              <EntityRefLink entityRef={acceptance.entity} />
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {criteria.map((criterion, index) => (
          <TableRow key={formatCriterion(criterion)}>
            <TableCell component="th" scope="row">
              <Typography variant="body2">
                {formatCriterion(criterion)}
              </Typography>
              {criterion.category || criterion.description ? (
                <Typography variant="caption" color="textSecondary">
                  {[criterion.category, criterion.description]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              ) : null}
            </TableCell>
            {acceptances.map(acceptance => (
              <TableCell key={acceptance.model}>
                <ResultCell result={acceptance.results[index]} />
              </TableCell>
            ))}
          </TableRow>
        ))}
        <TableRow>
          <TableCell component="th" scope="row">
            <Typography variant="subtitle2" component="span">
              Overall
            </Typography>
          </TableCell>
          {acceptances.map(acceptance => (
            <TableCell key={acceptance.model}>
              <Status of={CHECK_OUTCOME_STATUS} value={acceptance.outcome} />
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}
