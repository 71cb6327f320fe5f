import {
  FrameworkStageId,
  frameworkStage,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A stage's full title, e.g. `Stage 2: Rapid prototyping & model building`. */
export function stageTitle(stage: FrameworkStageId): string {
  const { number, title } = frameworkStage(stage);
  return `Stage ${number}: ${title}`;
}

/**
 * A stage's tab title, short so the three tabs fit beside the others:
 * `Stage 2 · Prototyping`. The tab's heading carries the full title.
 */
export function stageTabTitle(stage: FrameworkStageId): string {
  const { number, shortTitle } = frameworkStage(stage);
  return `Stage ${number} · ${shortTitle}`;
}

/** Whole days from `iso` to `now`, never negative. */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(
    0,
    Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000),
  );
}

/** A number of days as people say it: `1 day`, `12.5 days`. */
export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}
