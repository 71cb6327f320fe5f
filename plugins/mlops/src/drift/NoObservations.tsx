import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';

/** Where the drift documentation is, unless the app says otherwise. */
export const DRIFT_DOCS_PATH = 'docs/drift.md';

function DocsReference(props: { docsUrl?: string }) {
  return props.docsUrl ? (
    <Link to={props.docsUrl}>the drift documentation</Link>
  ) : (
    <>
      the drift documentation (<code>{DRIFT_DOCS_PATH}</code> in the
      MLightenment repository)
    </>
  );
}

/** The request a pipeline sends, for the first monitor given. */
export function pushExample(monitorRef: string): string {
  return [
    'curl -X POST "$BACKSTAGE/api/mlops/drift/observations" \\',
    '  -H "Authorization: Bearer $PIPELINE_TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '{"monitor": "${monitorRef}", "idempotencyKey": "run-2026-11-27",`,
    `       "observations": [{"feature": "<feature>", "observedAt": "<time>", "value": <statistic>}]}'`,
  ].join('\n');
}

/**
 * What an owner does when no observation has arrived: push them from the
 * pipeline that computes the statistics, with a service token.
 */
export function NoObservations(props: {
  monitorRefs: readonly string[];
  docsUrl?: string;
}) {
  const { monitorRefs, docsUrl } = props;
  return (
    <div data-testid="mlops-drift-empty">
      <Typography variant="h6" component="p">
        No drift observations yet
      </Typography>
      <Typography variant="body2" paragraph>
        The backend evaluates a monitor once its pipeline pushes observations:
        per-feature statistics it computed, or reference and current samples
        from which the backend computes the declared statistic. Send them with a
        service token to <code>POST /api/mlops/drift/observations</code>:
      </Typography>
      <pre
        style={{
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontSize: 12,
          margin: '0 0 8px',
        }}
      >
        {pushExample(monitorRefs[0] ?? 'mlmonitor:default/<monitor>')}
      </pre>
      <Typography variant="body2">
        How to get a token, the statistics and their thresholds are in{' '}
        <DocsReference docsUrl={docsUrl} />.
      </Typography>
    </div>
  );
}

/** A model that no MLMonitor watches. */
export function NoMonitors(props: { modelRef: string; docsUrl?: string }) {
  return (
    <div data-testid="mlops-drift-no-monitors">
      <Typography variant="h6" component="p">
        No monitor watches this model
      </Typography>
      <Typography variant="body2">
        Declare an MLMonitor with <code>spec.model: {props.modelRef}</code> and
        the features to watch; see <DocsReference docsUrl={props.docsUrl} />.
      </Typography>
    </div>
  );
}
