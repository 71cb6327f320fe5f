import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ResponseError } from '@backstage/errors';
import {
  ErrorText,
  formatDateTime,
  StatusColumn,
  StatusTable,
  TwoLines,
  Unbroken,
} from '../components/shared';
import { BindingName, samples } from './SourceBindingsTable';

/** What one binding would import now, as a dry run answered. */
export interface DryRunResult {
  source: string;
  binding: string;
  description?: string;
  samples: number;
  skipped: number;
  from?: string;
  to?: string;
  /** The latest of what it would import, newest last: when, and the value. */
  latest: Array<{ at: string; value: string }>;
  /** The source's error verbatim. */
  error?: string;
}

const span = (result: DryRunResult) =>
  result.from && result.to
    ? `${formatDateTime(result.from)} to ${formatDateTime(result.to)}`
    : undefined;

const resultColumns = (noun: string): StatusColumn<DryRunResult>[] => [
  { header: 'Binding', cell: result => <BindingName binding={result} /> },
  {
    header: 'Would import',
    cell: result =>
      result.error ? (
        <ErrorText>
          <Unbroken>{result.error}</Unbroken>
        </ErrorText>
      ) : (
        <TwoLines
          main={samples(result.samples, noun)}
          secondary={span(result)}
        />
      ),
  },
  {
    header: 'Skipped',
    cell: result => (
      <TwoLines
        main={samples(result.skipped)}
        secondary={result.skipped > 0 ? 'NaN or infinite' : undefined}
      />
    ),
  },
  {
    header: 'Latest',
    cell: result => {
      const last = result.latest[result.latest.length - 1];
      return last ? <TwoLines main={last.value} secondary={last.at} /> : '—';
    },
  },
];

type Run =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; results: DryRunResult[]; at: string }
  | { state: 'failed'; message: string };

/**
 * A button that runs the bindings now and shows, in a region screen
 * readers announce, what each would import or the source's error, or why
 * the dry run was refused (not the owner). Nothing is stored.
 */
export function DryRun(props: {
  /** What is run, for the button's and the results' names, e.g. `store-demand-forecast-accuracy's bindings`. */
  what: string;
  run(): Promise<DryRunResult[]>;
  noun?: string;
}) {
  const { what, run } = props;
  const [status, setStatus] = useState<Run>({ state: 'idle' });

  const start = async () => {
    setStatus({ state: 'running' });
    try {
      const results = await run();
      setStatus({ state: 'done', results, at: new Date().toISOString() });
    } catch (error) {
      // The backend's own words (who may run it, which field is wrong).
      const message =
        error instanceof ResponseError
          ? error.cause.message
          : (error as Error).message;
      setStatus({ state: 'failed', message });
    }
  };

  let result = null;
  if (status.state === 'running') {
    result = <Typography variant="body2">Running the bindings…</Typography>;
  } else if (status.state === 'failed') {
    result = <ErrorText>The dry run failed: {status.message}</ErrorText>;
  } else if (status.state === 'done') {
    result =
      status.results.length === 0 ? (
        <Typography variant="body2">
          No source binds it: nothing would be imported.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            Dry run at {formatDateTime(status.at)}: what each binding would
            import now. Nothing was stored.
          </Typography>
          <StatusTable
            label={`Dry run of ${what}`}
            columns={resultColumns(props.noun ?? 'sample')}
            rows={status.results}
            rowKey={r => `${r.source}:${r.binding}`}
          />
        </>
      );
  }

  return (
    <Box marginTop={2}>
      <Button
        variant="outlined"
        color="primary"
        onClick={start}
        disabled={status.state === 'running'}
        aria-label={`Dry run ${what}`}
      >
        Dry run
      </Button>
      <Typography variant="body2" color="textSecondary" component="span">
        {' '}
        Pulls the bindings now and shows what they would import; stores nothing.
      </Typography>
      <Box marginTop={1} aria-live="polite" role="status">
        {result}
      </Box>
    </Box>
  );
}
