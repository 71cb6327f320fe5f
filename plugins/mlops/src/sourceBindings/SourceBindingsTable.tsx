import {
  SOURCE_BINDING_STATE_LABELS,
  SourceBindingState,
  SourceBindingStatus,
} from '@mlightenment/backstage-plugin-mlops-common';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { Loaded } from '../hooks/useMlops';
import {
  formatDateTime,
  LastError,
  Status,
  StatusColumn,
  StatusTable,
  StatusVocabulary,
  TwoLines,
  Unbroken,
} from '../components/shared';

const BINDING_STATE: StatusVocabulary<SourceBindingState> = {
  labels: SOURCE_BINDING_STATE_LABELS,
  tones: { ok: 'ok', 'no-data': 'neutral', failed: 'error' },
};

/** `1 sample`, `1,254 samples`. */
export const samples = (n: number, noun = 'sample') =>
  `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;

/** A binding's name, and what it pulls from which source. */
export function BindingName(props: {
  binding: { binding: string; source: string; description?: string };
}) {
  const { binding } = props;
  return (
    <TwoLines
      main={binding.binding || binding.source}
      secondary={
        <Unbroken>
          {binding.source}
          {binding.description && (
            <>
              {' '}
              <Unbroken code>{binding.description}</Unbroken>
            </>
          )}
        </Unbroken>
      }
    />
  );
}

const columns = (noun: string): StatusColumn<SourceBindingStatus>[] => [
  { header: 'Binding', cell: binding => <BindingName binding={binding} /> },
  {
    header: 'Last pull',
    cell: binding => (
      <>
        <Status of={BINDING_STATE} value={binding.state} />
        <TwoLines
          main={formatDateTime(binding.lastPullAt)}
          secondary={
            binding.pulledThrough
              ? `imported through ${formatDateTime(binding.pulledThrough)}`
              : 'nothing imported yet'
          }
        />
      </>
    ),
  },
  {
    header: 'Imported',
    cell: binding => (
      <TwoLines
        main={samples(binding.imported, noun)}
        secondary={`${binding.totalImported.toLocaleString('en-GB')} in all`}
      />
    ),
  },
  {
    header: 'Skipped',
    cell: binding => (
      <TwoLines
        main={samples(binding.skipped)}
        secondary={binding.skipped > 0 ? 'NaN or infinite' : undefined}
      />
    ),
  },
  {
    header: 'Last error',
    cell: binding => <LastError error={binding.lastError} />,
  },
];

/**
 * Each binding of an entity to a source and how its scheduled pulls went:
 * the last pull, what it imported and skipped, the last error in the
 * source's own words. The same for a monitor's drift bindings and a use
 * case's KPI bindings.
 */
export function SourceBindingsTable(props: {
  label: string;
  bindings: readonly SourceBindingStatus[];
  /** What a binding imports: `sample` for drift, `actual` for KPIs. */
  noun?: string;
}) {
  return (
    <StatusTable
      label={props.label}
      columns={columns(props.noun ?? 'sample')}
      rows={props.bindings}
      rowKey={binding => `${binding.source}:${binding.binding}`}
    />
  );
}

/**
 * The status of an entity's source bindings as loaded: the error, the
 * progress, `notPulledYet` before any pull, or the table.
 */
export function SourceBindingsStatus(props: {
  status: Pick<Loaded<{ bindings: SourceBindingStatus[] }>, 'value' | 'error'>;
  label: string;
  notPulledYet: string;
  /** What a binding imports: `sample` for drift, `actual` for KPIs. */
  noun?: string;
}) {
  const { status } = props;
  if (status.error) return <ResponseErrorPanel error={status.error} />;
  if (!status.value) return <Progress />;
  if (status.value.bindings.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.notPulledYet}
      </Typography>
    );
  }
  return (
    <SourceBindingsTable
      label={props.label}
      bindings={status.value.bindings}
      noun={props.noun}
    />
  );
}
