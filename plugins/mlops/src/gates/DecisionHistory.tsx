import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useMlops } from '../hooks/useMlops';
import { mlopsApiRef, GateAuditFormat } from '../api';
import {
  ErrorText,
  MlopsTableCard,
  saveBlob,
  formatDateTime,
  Status,
  GATE_STATE_STATUS,
  useReadableErrors,
} from '../components/shared';
import { DECISION_STATES } from './decisionStates';
import type {
  GateDecisionRecord,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

type Row = GateDecisionRecord & {
  /** Why and when the decision stopped counting, if it did. */
  withdrawn?: { at: string; reason: string };
  roleLabel: string;
};

function rowsOf(gate: GateView): Row[] {
  return gate.decisions.map(decision => {
    const invalidation = gate.invalidations.find(
      i => i.decisionId === decision.id,
    );
    return {
      ...decision,
      withdrawn: decision.invalidated ?? invalidation,
      roleLabel:
        gate.signOff.find(s => s.id === decision.role)?.label ?? decision.role,
    };
  });
}

/** When and why a decision stopped counting. */
function Withdrawn(props: { withdrawn: NonNullable<Row['withdrawn']> }) {
  const classes = useReadableErrors();
  return (
    <Typography variant="caption" component="div" className={classes.text}>
      Invalidated {formatDateTime(props.withdrawn.at)}: {props.withdrawn.reason}
    </Typography>
  );
}

const columns: TableColumn<Row>[] = [
  {
    title: 'When',
    field: 'at',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => formatDateTime(row.at),
  },
  {
    title: 'Decision',
    field: 'decision',
    render: row => (
      <>
        <Box whiteSpace="nowrap">
          <Status
            of={GATE_STATE_STATUS}
            value={DECISION_STATES[row.decision]}
          />
        </Box>
        {row.withdrawn && <Withdrawn withdrawn={row.withdrawn} />}
      </>
    ),
  },
  {
    title: 'By',
    field: 'by',
    render: row => (
      <>
        <Box whiteSpace="nowrap">
          <EntityRefLink entityRef={row.by} defaultKind="user" />
        </Box>
        <Typography variant="caption" component="div" color="textSecondary">
          for {row.roleLabel}
        </Typography>
      </>
    ),
  },
  {
    title: 'Comment',
    field: 'comment',
    // The comment is the reason for the decision: give it the room.
    cellStyle: { minWidth: '18em' },
    render: row => (
      <>
        <Typography variant="body2">{row.comment}</Typography>
        {row.evidenceUrl && (
          <Link
            href={row.evidenceUrl}
            target="_blank"
            rel="noopener noreferrer"
            variant="body2"
          >
            Evidence
          </Link>
        )}
      </>
    ),
  },
  {
    title: 'Revision',
    field: 'revision',
    type: 'numeric',
    align: 'left',
    width: '6em',
  },
];

/**
 * An export of the audit trail: a real link to the address, which a click
 * downloads with the user's token (a plain navigation would carry none).
 */
function ExportLink(props: { entityRef: string; format: GateAuditFormat }) {
  const { entityRef, format } = props;
  const api = useApi(mlopsApiRef);
  const url = useMlops(
    a => a.gateAuditUrl(entityRef, format),
    [entityRef, format],
  );
  const [failure, setFailure] = useState<string>();
  const { name } = parseEntityRef(entityRef);
  return (
    <>
      <Link
        href={url.value ?? '#'}
        download={`${name}-gate-audit.${format}`}
        onClick={e => {
          e.preventDefault();
          setFailure(undefined);
          api
            .getGateAudit(entityRef, format)
            .then(blob => saveBlob(blob, `${name}-gate-audit.${format}`))
            .catch(error => setFailure(`Export failed: ${error.message}`));
        }}
      >
        Export audit trail as {format.toLocaleUpperCase('en-US')}
      </Link>
      {failure && <ErrorText role="status">{failure}</ErrorText>}
    </>
  );
}

/**
 * Every decision on the gate, newest first, with approvals that were
 * invalidated and why, and the entity's audit trail as CSV and JSON.
 */
export function DecisionHistory(props: { entityRef: string; gate: GateView }) {
  const { entityRef, gate } = props;
  const invalidated = gate.decisions.filter(
    d => d.invalidated || gate.invalidations.some(i => i.decisionId === d.id),
  ).length;
  return (
    <Box>
      <MlopsTableCard<Row>
        title="History"
        subtitle={`${gate.decisions.length} ${
          gate.decisions.length === 1 ? 'decision' : 'decisions'
        }, newest first${invalidated ? `; ${invalidated} invalidated` : ''}`}
        testId="mlops-gate-history"
        columns={columns}
        rows={rowsOf(gate)}
        emptyMessage="No decision has been recorded on this gate yet."
      />
      <Box
        display="flex"
        flexWrap="wrap"
        marginTop={1}
        style={{ gap: 24 }}
        data-testid="mlops-gate-audit-export"
      >
        <ExportLink entityRef={entityRef} format="csv" />
        <ExportLink entityRef={entityRef} format="json" />
      </Box>
    </Box>
  );
}
