import { FormEvent, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  describeCadence,
  periodFor,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  KpiActualInput,
  KpiActualView,
  KpiValue,
  UseCaseValue,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import { isHttpUrl, MlopsInfoCard, formatPeriod } from '../components/shared';
import { formatKpiValue } from './format';
import { describeRecord } from './ValueHistory';

/** The backend's message, which names the field that is wrong. */
function messageOf(error: unknown): string {
  if (ResponseError.is(error)) return error.body.error.message;
  return error instanceof Error ? error.message : String(error);
}

function currentPeriod(kpi: KpiValue | undefined, now: Date) {
  if (!kpi) return { start: '', end: '' };
  try {
    return periodFor(kpi.cadence, now);
  } catch {
    return { start: '', end: '' };
  }
}

function cadenceHint(kpi: KpiValue, now: Date): string {
  try {
    const period = periodFor(kpi.cadence, now);
    return `Periods of this KPI are ${describeCadence(
      kpi.cadence,
    )}; the current one is ${formatPeriod(period.start, period.end)}.`;
  } catch {
    return `The KPI's cadence is ${kpi.cadence}.`;
  }
}

/**
 * Checks in an actual of one of the use case's KPIs: the KPI, the period
 * (the cadence's current one unless changed), the value, a comment, an
 * evidence link, and optionally the earlier record it corrects. The
 * backend's refusal is shown as it is, since it names the field.
 */
export function CheckInForm(props: {
  useCaseRef: string;
  kpis: readonly KpiValue[];
  /** The ledger, for the records a check-in may correct. */
  records: readonly KpiActualView[];
  onRecorded(value: UseCaseValue): void;
  /** The moment whose period is proposed; now unless given. */
  now?: Date;
}) {
  const { useCaseRef, kpis, records, onRecorded } = props;
  const now = props.now ?? new Date();
  const api = useApi(mlopsApiRef);
  const id = useId();
  const [kpiId, setKpiId] = useState(kpis[0]?.id ?? '');
  const kpi = kpis.find(k => k.id === kpiId);
  const [period, setPeriod] = useState(() => currentPeriod(kpis[0], now));
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [supersedes, setSupersedes] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [recorded, setRecorded] = useState<string>();

  const correctable = records.filter(r => r.kpiId === kpiId && !r.supersededBy);
  const number = Number(value);
  const valueError =
    touched && (value.trim() === '' || !Number.isFinite(number));
  const evidenceError =
    evidenceUrl.trim() !== '' && !isHttpUrl(evidenceUrl.trim());

  const chooseKpi = (next: string) => {
    setKpiId(next);
    setSupersedes('');
    setPeriod(
      currentPeriod(
        kpis.find(k => k.id === next),
        now,
      ),
    );
  };
  const chooseCorrected = (recordId: string) => {
    setSupersedes(recordId);
    const corrected = records.find(r => r.id === recordId);
    if (corrected) {
      setPeriod({ start: corrected.periodStart, end: corrected.periodEnd });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setRecorded(undefined);
    if (!kpi || value.trim() === '' || !Number.isFinite(number)) return;
    if (evidenceError) return;
    const input: KpiActualInput = {
      kpi: kpi.id,
      periodStart: period.start,
      periodEnd: period.end,
      value: number,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(evidenceUrl.trim() ? { evidenceUrl: evidenceUrl.trim() } : {}),
      ...(supersedes ? { supersedes } : {}),
    };
    setSending(true);
    setFailure(undefined);
    try {
      const answer = await api.recordKpiActual(useCaseRef, input);
      setValue('');
      setComment('');
      setEvidenceUrl('');
      setSupersedes('');
      setTouched(false);
      setRecorded(
        `Recorded ${formatKpiValue(input.value, kpi.unit)} for ${
          kpi.kpi
        }, ${formatPeriod(input.periodStart, input.periodEnd)}.`,
      );
      onRecorded(answer);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <MlopsInfoCard
      title="Check in an actual"
      testId="mlops-value-check-in"
      subheader="The value of a KPI for one period, with its evidence"
    >
      <form onSubmit={submit} noValidate aria-label="Check in an actual">
        <TextField
          id={`${id}-kpi`}
          select
          label="KPI"
          required
          fullWidth
          variant="outlined"
          margin="dense"
          value={kpiId}
          disabled={sending}
          onChange={e => chooseKpi(e.target.value)}
          SelectProps={{ native: true }}
        >
          {kpis.map(k => (
            <option key={k.id} value={k.id}>
              {k.kpi}
            </option>
          ))}
        </TextField>
        <Box display="flex" flexWrap="wrap" style={{ columnGap: 16 }}>
          <TextField
            id={`${id}-start`}
            label="Period start"
            type="date"
            required
            variant="outlined"
            margin="dense"
            InputLabelProps={{ shrink: true }}
            value={period.start}
            disabled={sending}
            onChange={e => setPeriod({ ...period, start: e.target.value })}
          />
          <TextField
            id={`${id}-end`}
            label="Period end"
            type="date"
            required
            variant="outlined"
            margin="dense"
            InputLabelProps={{ shrink: true }}
            value={period.end}
            disabled={sending}
            onChange={e => setPeriod({ ...period, end: e.target.value })}
          />
        </Box>
        {kpi && (
          <Typography variant="caption" color="textSecondary" component="p">
            {cadenceHint(kpi, now)}
          </Typography>
        )}
        <TextField
          id={`${id}-value`}
          label={kpi?.unit ? `Value (${kpi.unit})` : 'Value'}
          type="number"
          required
          fullWidth
          variant="outlined"
          margin="dense"
          inputProps={{ step: 'any' }}
          value={value}
          disabled={sending}
          onChange={e => setValue(e.target.value)}
          error={valueError}
          helperText={
            valueError
              ? 'Enter the value as a number.'
              : kpi &&
                `Baseline ${formatKpiValue(
                  kpi.baseline,
                  kpi.unit,
                )}, target ${formatKpiValue(kpi.target, kpi.unit)}.`
          }
        />
        <TextField
          id={`${id}-comment`}
          label="Comment (optional)"
          multiline
          minRows={2}
          fullWidth
          variant="outlined"
          margin="dense"
          value={comment}
          disabled={sending}
          onChange={e => setComment(e.target.value)}
          helperText="How it was measured, or why it moved."
        />
        <TextField
          id={`${id}-evidence`}
          label="Evidence link (optional)"
          type="url"
          fullWidth
          variant="outlined"
          margin="dense"
          value={evidenceUrl}
          disabled={sending}
          onChange={e => setEvidenceUrl(e.target.value)}
          error={evidenceError}
          helperText={
            evidenceError
              ? 'The evidence link must be an http or https address.'
              : 'A report, a dashboard or a query.'
          }
        />
        <TextField
          id={`${id}-supersedes`}
          select
          label="Corrects (optional)"
          fullWidth
          variant="outlined"
          margin="dense"
          value={supersedes}
          disabled={sending || correctable.length === 0}
          onChange={e => chooseCorrected(e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          // Says why the field is disabled: it must stay readable, not greyed.
          FormHelperTextProps={{ disabled: false }}
          helperText={
            correctable.length === 0
              ? 'No earlier actual of this KPI to correct.'
              : 'The earlier record this value replaces; it stays in the history.'
          }
        >
          <option value="">Nothing: a new actual</option>
          {correctable.map(r => (
            <option key={r.id} value={r.id}>
              {formatPeriod(r.periodStart, r.periodEnd)}: {describeRecord(r)}
            </option>
          ))}
        </TextField>
        <Box marginTop={1}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={sending || !kpi}
          >
            {sending ? 'Recording…' : 'Record actual'}
          </Button>
        </Box>
      </form>
      <Box role="status" marginTop={recorded || failure ? 2 : 0}>
        {recorded && <Typography variant="body2">{recorded}</Typography>}
        {failure && (
          <WarningPanel
            severity="error"
            defaultExpanded
            title="The actual was not recorded"
            message={failure}
          />
        )}
      </Box>
    </MlopsInfoCard>
  );
}
