import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useMlops } from '../hooks/useMlops';
import { gateTabPath } from '../routes';
import { stageTitle } from './format';
import { gateOf } from './useGates';
import { Status, GATE_STATE_STATUS } from '../components/shared';

/**
 * The entity's current stage and the state of its gate, linking to the
 * gate's tab: "Stage 2: Rapid prototyping & model building · Ready for review".
 * An entity in production whose gates are not all approved says so: it got
 * there without the sign-off, which is a gap to close, not a fault of the page.
 */
export function CurrentStage() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const gates = useMlops(api => api.getGates(entityRef), [entityRef]);
  // An absolute link, so that it also works from tabs other than the Overview.
  const entityPage = useRouteRef(entityRouteRef)(entityRouteParams(entity));
  if (gates.error) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        Unknown: {gates.error.message}
      </Typography>
    );
  }
  if (!gates.value) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        Loading…
      </Typography>
    );
  }
  const { currentStage, complete } = gates.value;
  const gate = gateOf(gates.value, currentStage);
  return (
    <span data-testid="mlops-current-stage">
      <Link to={`${entityPage}${gateTabPath(currentStage)}`}>
        {complete ? 'Every stage passed' : stageTitle(currentStage)}
      </Link>
      <br />
      {gate && (
        <Status
          of={GATE_STATE_STATUS}
          value={complete ? 'approved' : gate.state}
        />
      )}
      {!complete && entity.spec?.lifecycle === 'production' && (
        <Typography
          variant="caption"
          component="span"
          color="textSecondary"
          display="block"
          data-testid="mlops-in-production-unapproved"
        >
          In production, but its gates are not all approved
        </Typography>
      )}
    </span>
  );
}
