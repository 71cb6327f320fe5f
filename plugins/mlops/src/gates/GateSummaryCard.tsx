import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StatusPending, StatusWarning } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MetadataList,
  MlopsInfoCard,
  formatDateTime,
  Status,
  GATE_STATE_STATUS,
} from '../components/shared';
import { stageTitle } from './format';
import { DECISION_STATES } from './decisionStates';
import type {
  GateSignOff,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

/** When the entity entered the stage: the first stage from the start. */
function sinceText(gate: GateView): string {
  if (gate.enteredAt) return formatDateTime(gate.enteredAt);
  return gate.number === 1 ? 'From the start' : 'Not entered yet';
}

/**
 * A sign-off naming a group the catalog does not have: nobody is a member,
 * so nobody can sign it until the group exists or the configuration names
 * another (`mlops.gates`).
 */
function UnresolvedSignOff(props: { signOff: GateSignOff }) {
  const group = props.signOff.refs.join(', ') || props.signOff.id;
  return (
    <Box data-testid="mlops-gate-sign-off-unresolved">
      <StatusWarning>
        No group {group} in the catalog: nobody can sign this
      </StatusWarning>
      <Typography variant="caption" color="textSecondary" component="div">
        Until the group is added to the catalog, or the Backstage configuration
        (mlops.gates) names a group that exists, this gate cannot be approved.
      </Typography>
    </Box>
  );
}

/**
 * The member who signed for a sign-off held by a group (an owning group, a
 * sponsoring group, a configured group), when it is not the reference the
 * sign-off names itself.
 */
function signingMember(signOff: GateSignOff): string | undefined {
  const by = signOff.decision?.by;
  return by && !signOff.refs.includes(by.toLowerCase()) ? by : undefined;
}

function SignOffState(props: { signOff: GateSignOff; namesSigner: boolean }) {
  const { decision } = props.signOff;
  if (!decision) {
    return props.signOff.unresolved ? (
      <UnresolvedSignOff signOff={props.signOff} />
    ) : (
      <StatusPending>Not yet signed</StatusPending>
    );
  }
  return (
    <>
      <Status
        of={GATE_STATE_STATUS}
        value={DECISION_STATES[decision.decision]}
      />
      <Typography variant="caption" color="textSecondary" component="div">
        {props.namesSigner && (
          <>
            by <EntityRefLink entityRef={decision.by} defaultKind="user" />{' '}
          </>
        )}
        on {formatDateTime(decision.at)}
      </Typography>
    </>
  );
}

/**
 * Who may sign for a sign-off and, once a member of its group signed, who:
 * "Customer Analytics · signed by Priya Nair".
 */
function Signers(props: { signOff: GateSignOff }) {
  const member = signingMember(props.signOff);
  return (
    <Typography variant="body2" component="div">
      {props.signOff.refs.map((ref, i) => (
        <span key={ref}>
          {i > 0 && ' or '}
          <EntityRefLink entityRef={ref} />
        </span>
      ))}
      {member && (
        <span data-testid="mlops-gate-signed-by">
          {' '}
          · signed by <EntityRefLink entityRef={member} defaultKind="user" />
        </span>
      )}
    </Typography>
  );
}

/** Who must sign off the gate, who may sign for each, and who has. */
function SignOffList(props: { signOffs: GateSignOff[] }) {
  if (props.signOffs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No sign-off is configured for this gate.
      </Typography>
    );
  }
  return (
    <ul
      aria-label="Who signs off"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {props.signOffs.map(signOff => (
        <li key={signOff.id}>
          <Box marginBottom={1.5}>
            <Typography variant="subtitle2" component="h4">
              {signOff.label}
            </Typography>
            {!signOff.unresolved && <Signers signOff={signOff} />}
            {/* Without the line of signers, the state names who signed. */}
            <SignOffState
              signOff={signOff}
              namesSigner={Boolean(signOff.unresolved)}
            />
            {signOff.unresolved && signOff.decision && (
              <UnresolvedSignOff signOff={signOff} />
            )}
          </Box>
        </li>
      ))}
    </ul>
  );
}

/**
 * The gate at a glance: its state in words, since when, the stage's key
 * roles, and who must sign off and whether each has.
 */
export function GateSummaryCard(props: { gate: GateView }) {
  const { gate } = props;
  return (
    <MlopsInfoCard
      title={stageTitle(gate.stage)}
      testId="mlops-gate-summary"
      subheader="Stage gate"
    >
      <MetadataList
        items={[
          ['State', <Status of={GATE_STATE_STATUS} value={gate.state} />],
          ['Since', sinceText(gate)],
          ['Key roles', gate.keyRoles],
        ]}
      />
      <Box marginTop={2}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          Who signs off
        </Typography>
        <SignOffList signOffs={gate.signOff} />
      </Box>
    </MlopsInfoCard>
  );
}
