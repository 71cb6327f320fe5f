import { Fragment, useState } from 'react';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  KpiActualView,
  KpiValue,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import {
  ErrorText,
  MlopsTableCard,
  saveBlob,
  formatDateTime,
  formatPeriod,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { SOURCE_LABELS, formatKpiValue } from './format';

type Row = KpiActualView & {
  kpiName: string;
  corrects?: KpiActualView;
  correctedBy?: KpiActualView;
};

/** A record as another row names it: `2.65 % recorded 2 Mar 2026, 09:00 UTC`. */
export function describeRecord(record: KpiActualView): string {
  return `${formatKpiValue(
    record.value,
    record.unit,
  )} recorded ${formatDateTime(record.recordedAt)}`;
}

function rowsOf(
  records: readonly KpiActualView[],
  kpis: readonly KpiValue[],
): Row[] {
  const byId = new Map(records.map(r => [r.id, r]));
  return [...records].reverse().map(record => ({
    ...record,
    kpiName: kpis.find(k => k.id === record.kpiId)?.kpi ?? record.kpiId,
    corrects: record.supersedes ? byId.get(record.supersedes) : undefined,
    correctedBy: record.supersededBy
      ? byId.get(record.supersededBy)
      : undefined,
  }));
}

/** A user's or group's reference links to its page; a pipeline's or source's name is text. */
function RecordedBy(props: { by: string }) {
  try {
    const ref = parseEntityRef(props.by);
    if (['user', 'group'].includes(ref.kind.toLocaleLowerCase('en-US'))) {
      return <EntityRefLink entityRef={ref} />;
    }
  } catch {
    // Not an entity reference: a service's subject or a source's id.
  }
  return <>{props.by}</>;
}

/**
 * Text that may wrap only after the given separator (`1 Nov 2026 –` /
 * `30 Nov 2026`): each part stays whole, so that a narrow column takes two
 * lines rather than breaking a date.
 */
function WrapAfter(props: { text: string; separator: string }) {
  const parts = props.text.split(props.separator);
  return (
    <>
      {parts.map((part, i) =>
        i < parts.length - 1 ? (
          <Fragment key={i}>
            <span style={{ whiteSpace: 'nowrap' }}>
              {part}
              {props.separator.trimEnd()}
            </span>{' '}
          </Fragment>
        ) : (
          <span key={i} style={{ whiteSpace: 'nowrap' }}>
            {part}
          </span>
        ),
      )}
    </>
  );
}

// Five columns at most, each as narrow as its words allow: the dates of a
// period and of a record wrap between their parts, and the comment, the
// evidence and the correction share a column, so that the table fits its
// card beside the sidebar at 1024 px.
function columns(showKpi: boolean): TableColumn<Row>[] {
  return [
    ...(showKpi
      ? [{ title: 'KPI', field: 'kpiName' } as TableColumn<Row>]
      : []),
    {
      title: 'Period',
      field: 'periodStart',
      render: row => (
        <WrapAfter
          text={formatPeriod(row.periodStart, row.periodEnd)}
          separator=" – "
        />
      ),
    },
    {
      title: 'Value',
      field: 'value',
      width: '10%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => formatKpiValue(row.value, row.unit),
    },
    {
      // Who or what reported it and when, in one column.
      title: 'Recorded',
      field: 'recordedAt',
      render: row => (
        <>
          <Typography variant="body2">
            {SOURCE_LABELS[row.source] ?? row.source},{' '}
            <RecordedBy by={row.recordedBy} />
          </Typography>
          <Typography variant="body2">
            <WrapAfter text={formatDateTime(row.recordedAt)} separator=", " />
          </Typography>
        </>
      ),
    },
    {
      // The longest texts: the most room.
      title: 'Comment and correction',
      field: 'comment',
      width: '30%',
      render: row => (
        <>
          {row.comment && (
            <Typography variant="body2">{row.comment}</Typography>
          )}
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
          {row.supersededBy && (
            <Typography variant="body2" color="textSecondary">
              Corrected by{' '}
              {row.correctedBy
                ? describeRecord(row.correctedBy)
                : `record ${row.supersededBy}`}
              ; no longer in force
            </Typography>
          )}
          {row.supersedes && (
            <Typography variant="body2">
              Corrects{' '}
              {row.corrects
                ? describeRecord(row.corrects)
                : `record ${row.supersedes}`}
            </Typography>
          )}
        </>
      ),
    },
  ];
}

/**
 * The ledger as a file: a real link to the address, which a click downloads
 * with the user's token (a plain navigation would carry none).
 */
function CsvLink(props: { useCaseRef: string }) {
  const { useCaseRef } = props;
  const api = useApi(mlopsApiRef);
  const url = useMlops(a => a.valueHistoryCsvUrl(useCaseRef), [useCaseRef]);
  const [failure, setFailure] = useState<string>();
  const filename = `${parseEntityRef(useCaseRef).name}-kpi-actuals.csv`;
  return (
    <>
      <Link
        href={url.value ?? '#'}
        download={filename}
        onClick={e => {
          e.preventDefault();
          setFailure(undefined);
          api
            .getValueHistoryCsv(useCaseRef)
            .then(blob => saveBlob(blob, filename))
            .catch(error => setFailure(`Download failed: ${error.message}`));
        }}
      >
        Download the history as CSV
      </Link>
      {failure && <ErrorText role="status">{failure}</ErrorText>}
    </>
  );
}

/**
 * Every record of the use case's KPI ledger, newest first, corrections
 * included and shown as such, with the history as CSV.
 */
export function ValueHistory(props: {
  useCaseRef: string;
  records: readonly KpiActualView[];
  kpis: readonly KpiValue[];
  loading?: boolean;
}) {
  const { useCaseRef, records, kpis, loading } = props;
  const corrections = records.filter(r => r.supersedes).length;
  return (
    <Box>
      <MlopsTableCard<Row>
        title="History of actuals"
        subtitle={`${records.length} ${
          records.length === 1 ? 'record' : 'records'
        }, newest first${
          corrections
            ? `; ${corrections} ${
                corrections === 1 ? 'correction' : 'corrections'
              }`
            : ''
        }`}
        testId="mlops-value-history"
        columns={columns(kpis.length > 1)}
        rows={rowsOf(records, kpis)}
        isLoading={loading}
        emptyMessage="No actual has been recorded for this use case yet."
      />
      <Box marginTop={1} data-testid="mlops-value-history-export">
        <CsvLink useCaseRef={useCaseRef} />
      </Box>
    </Box>
  );
}
