import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { VALUE_DOCS_PATH } from './format';

function DocsReference(props: { docsUrl?: string }) {
  return props.docsUrl ? (
    <Link to={props.docsUrl}>the business-value documentation</Link>
  ) : (
    <>
      the business-value documentation (<code>{VALUE_DOCS_PATH}</code> in the
      MLightenment repository)
    </>
  );
}

/** What to do when no KPI of a use case has an actual yet. */
export function NoActuals(props: { docsUrl?: string; canRecord: boolean }) {
  return (
    <div data-testid="mlops-value-empty">
      <Typography variant="h6" component="p">
        No actuals yet
      </Typography>
      <Typography variant="body2" paragraph>
        {props.canRecord
          ? 'You can check in the first actual on the Value tab of this use case: pick the KPI and the period, enter the value and link the evidence.'
          : "The use case's sponsor or a member of its owning group checks actuals in on the Value tab of the use case."}{' '}
        A team's pipeline can push them with a service token to{' '}
        <code>POST /api/mlops/value/actuals</code>, and a source such as
        Prometheus can pull them.
      </Typography>
      <Typography variant="body2">
        How to report an actual is in <DocsReference docsUrl={props.docsUrl} />.
      </Typography>
    </div>
  );
}

/** A use case that declares no KPI. */
export function NoKpis(props: { docsUrl?: string }) {
  return (
    <div data-testid="mlops-value-no-kpis">
      <Typography variant="h6" component="p">
        No KPI declared
      </Typography>
      <Typography variant="body2">
        Declare the KPIs this use case should move under{' '}
        <code>spec.businessDrivers</code>, each with its baseline, target and
        unit; see <DocsReference docsUrl={props.docsUrl} />.
      </Typography>
    </div>
  );
}
