import type {
  AdoptionDiagnostic,
  DeliveryBand,
  DiagnosticQuestionId,
  DiagnosticVerdict,
} from '../api/diagnostic';
import { DeliveryOptions, deliveryMetrics } from './delivery';
import { diagnosticContext, QUESTION_MEASURES } from './indicators';
import { answerQuestion } from './measure';
import {
  DEFAULT_GATE_WAITING_DAYS,
  DIAGNOSTIC_QUESTIONS,
  DiagnosticBands,
} from './questions';
import type { DiagnosticSnapshot } from './snapshot';

/** How the diagnostic judges: every limit configurable, each with a documented default. @public */
export type DiagnosticOptions = {
  /** Days a gate may stay ready for review before it counts as waiting. Default {@link DEFAULT_GATE_WAITING_DAYS}. */
  gateWaitingDays?: number;
  /** Overrides of indicators' bands, by indicator id. */
  bands?: Readonly<Record<string, DiagnosticBands>>;
  /** At most this many entity references per evidence list (their count is always whole). Default 200. */
  evidenceLimit?: number;
  delivery?: DeliveryOptions;
};

/** What {@link diagnose} computes: the diagnostic without its scope, trend and answers. @public */
export type DiagnosticResult = Pick<
  AdoptionDiagnostic,
  | 'days'
  | 'windowStart'
  | 'generatedAt'
  | 'counts'
  | 'questions'
  | 'delivery'
  | 'modelHistorySince'
>;

/**
 * The adoption diagnostic of a snapshot: the seven questions
 * ({@link DIAGNOSTIC_QUESTIONS}), each with its indicators, verdict
 * ({@link questionVerdict}), evidence and next step, and the delivery
 * metrics of models ({@link deliveryMetrics}). Pure: the same snapshot gives
 * the same result.
 * @public
 */
export function diagnose(
  snapshot: DiagnosticSnapshot,
  options: DiagnosticOptions = {},
): DiagnosticResult {
  const ctx = diagnosticContext(snapshot, {
    gateWaitingDays: options.gateWaitingDays ?? DEFAULT_GATE_WAITING_DAYS,
  });
  const evidenceLimit = options.evidenceLimit ?? 200;
  return {
    days: snapshot.windowDays,
    windowStart: ctx.windowStart.toISOString(),
    generatedAt: snapshot.now.toISOString(),
    counts: {
      useCases: snapshot.useCases.length,
      models: snapshot.models.length,
      monitors: snapshot.monitors.length,
      teams: ctx.teams.size,
    },
    questions: DIAGNOSTIC_QUESTIONS.map(question =>
      answerQuestion(question, QUESTION_MEASURES[question.id](ctx), {
        bands: options.bands ?? {},
        evidenceLimit,
      }),
    ),
    delivery: deliveryMetrics(ctx, { ...options.delivery, evidenceLimit }),
    ...(snapshot.modelHistorySince
      ? { modelHistorySince: snapshot.modelHistorySince.toISOString() }
      : {}),
  };
}

/** What a monthly snapshot keeps of a diagnostic: enough for the trend, no entity references. @public */
export type DiagnosticMonthSummary = {
  questions: Array<{
    id: DiagnosticQuestionId;
    verdict: DiagnosticVerdict;
    values: Array<{ id: string; value: number | null }>;
  }>;
  delivery: Array<{ id: string; value: number | null; band?: DeliveryBand }>;
};

/** The month of a date, `YYYY-MM` (UTC). @public */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** The `count` months up to and including the month of `now`, oldest first. @public */
export function lastMonths(now: Date, count = 12): string[] {
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    months.push(
      monthOf(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)),
      ),
    );
  }
  return months;
}

/** The monthly summary of a diagnostic. @public */
export function summariseDiagnostic(
  result: Pick<DiagnosticResult, 'questions' | 'delivery'>,
): DiagnosticMonthSummary {
  return {
    questions: result.questions.map(q => ({
      id: q.id,
      verdict: q.verdict,
      values: q.indicators.map(i => ({ id: i.id, value: i.value })),
    })),
    delivery: result.delivery.map(d => ({
      id: d.id,
      value: d.value,
      ...(d.band ? { band: d.band } : {}),
    })),
  };
}

/**
 * A diagnostic with its 12-month trend: each earlier month from its stored
 * summary (a month without one is left out), the current month from
 * `current` (the diagnostic at the snapshot window, which may differ from
 * the one shown).
 * @public
 */
export function withTrend<
  T extends Pick<DiagnosticResult, 'questions' | 'delivery'>,
>(
  result: T,
  stored: ReadonlyMap<string, DiagnosticMonthSummary>,
  current: DiagnosticMonthSummary,
  now: Date,
): T {
  const months = lastMonths(now);
  const thisMonth = months[months.length - 1];
  const all: Array<{
    month: string;
    summary: DiagnosticMonthSummary;
    current?: boolean;
  }> = [
    ...months
      .slice(0, -1)
      .filter(m => stored.has(m))
      .map(m => ({ month: m, summary: stored.get(m)! })),
    { month: thisMonth, summary: current, current: true },
  ];
  return {
    ...result,
    questions: result.questions.map(q => ({
      ...q,
      trend: all.flatMap(({ month, summary, current: isCurrent }) => {
        const found = summary.questions.find(s => s.id === q.id);
        return found
          ? [
              {
                month,
                verdict: found.verdict,
                values: found.values,
                ...(isCurrent ? { current: true } : {}),
              },
            ]
          : [];
      }),
    })),
    delivery: result.delivery.map(d => ({
      ...d,
      trend: all.flatMap(({ month, summary, current: isCurrent }) => {
        const found = summary.delivery.find(s => s.id === d.id);
        return found
          ? [
              {
                month,
                value: found.value,
                ...(found.band ? { band: found.band } : {}),
                ...(isCurrent ? { current: true } : {}),
              },
            ]
          : [];
      }),
    })),
  };
}
