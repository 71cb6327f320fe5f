import type {
  DiagnosticEvidence,
  DiagnosticIndicator,
  DiagnosticQuestion,
  DiagnosticSignal,
  DiagnosticVerdict,
} from '../api/diagnostic';
import {
  diagnosticNextStep,
  DiagnosticBands,
  DiagnosticQuestionDefinition,
} from './questions';

/** What a formula found: its value (none when it cannot be measured, with what is missing) and the entities behind it. */
export type Measurement = {
  value?: number;
  missing?: string;
  evidence: Array<{ label: string; entityRefs: Iterable<string> }>;
};

/** The entities behind a number, sorted, at most `limit` of them listed. */
export function evidenceOf(
  label: string,
  refs: Iterable<string>,
  limit: number,
): DiagnosticEvidence {
  const all = [...new Set(refs)].sort();
  return { label, count: all.length, entityRefs: all.slice(0, limit) };
}

/**
 * An indicator's signal: `unknown` without a value, `info` without bands,
 * else the band the value is in — at or beyond `strong`, at or beyond
 * `some`, or `none`, "beyond" meaning above when higher is worse and below
 * when lower is.
 * @public
 */
export function indicatorSignal(
  value: number | null,
  bands: DiagnosticBands | undefined,
): DiagnosticSignal {
  if (value === null) return 'unknown';
  if (!bands) return 'info';
  const atOrBeyond = (limit: number) =>
    bands.worse === 'higher' ? value >= limit : value <= limit;
  if (atOrBeyond(bands.strong)) return 'strong';
  if (atOrBeyond(bands.some)) return 'some';
  return 'none';
}

/**
 * A question's verdict from its indicators' signals. The rule, in order:
 *
 * 1. `unknown` when a required indicator has no value, or no judged
 *    indicator (one with bands) has one;
 * 2. `strong-indicator` when an indicator is `strong`, or two are `some`;
 * 3. `some-indication` when one is `some`;
 * 4. `not-indicated` otherwise.
 *
 * Indicators without a value never count as evidence either way: the
 * question's `missing` names them.
 * @public
 */
export function questionVerdict(
  indicators: readonly Pick<DiagnosticIndicator, 'id' | 'signal'>[],
  required: readonly string[],
): DiagnosticVerdict {
  const signals = new Map(indicators.map(i => [i.id, i.signal]));
  if (required.some(id => signals.get(id) === 'unknown')) return 'unknown';
  const judged = indicators.filter(i => i.signal !== 'info');
  if (judged.every(i => i.signal === 'unknown')) return 'unknown';
  if (judged.some(i => i.signal === 'strong')) return 'strong-indicator';
  const some = judged.filter(i => i.signal === 'some').length;
  if (some >= 2) return 'strong-indicator';
  if (some === 1) return 'some-indication';
  return 'not-indicated';
}

/** A question answered from its measurements (by indicator id). */
export function answerQuestion(
  definition: DiagnosticQuestionDefinition,
  measurements: Readonly<Record<string, Measurement>>,
  options: {
    bands: Readonly<Record<string, DiagnosticBands | undefined>>;
    evidenceLimit: number;
  },
): DiagnosticQuestion {
  const indicators: DiagnosticIndicator[] = definition.indicators.map(def => {
    const measured = measurements[def.id] ?? {
      missing: 'not measured',
      evidence: [],
    };
    const bands = options.bands[def.id] ?? def.bands;
    const value = measured.value ?? null;
    return {
      id: def.id,
      label: def.label,
      value,
      unit: def.unit,
      formula: def.formula,
      signal: indicatorSignal(value, bands),
      ...(bands ? { bands } : {}),
      ...(value === null
        ? { missing: measured.missing ?? 'no data to measure it by' }
        : {}),
      evidence: measured.evidence.map(e =>
        evidenceOf(e.label, e.entityRefs, options.evidenceLimit),
      ),
    };
  });
  return {
    id: definition.id,
    title: definition.title,
    verdict: questionVerdict(indicators, definition.required),
    missing: indicators
      .filter(i => i.value === null && i.missing)
      .map(i => `${i.label}: ${i.missing}`),
    indicators,
    nextStep: diagnosticNextStep(definition),
    trend: [],
  };
}
