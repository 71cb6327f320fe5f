import type { MaturityLevelDefinition } from '@mlightenment/backstage-plugin-mlops-common';

/** A level with its name, e.g. `Level 2 · Automated training`. */
export function formatLevelName(level: number, name?: string): string {
  return name ? `Level ${level} · ${name}` : `Level ${level}`;
}

/** A level with the name the given levels give it. */
export function formatLevel(
  level: number,
  levels: readonly MaturityLevelDefinition[],
): string {
  return formatLevelName(level, levels.find(l => l.level === level)?.name);
}

/** A score as a share of 100, e.g. `58 / 100`. */
export function formatScore(score: number): string {
  return `${score} / 100`;
}

/** A change as an arrow and a number (`▲ 2`, `▼ 30`), or `—` for none. */
export function formatChange(change: number): string {
  if (change > 0) return `▲ ${change}`;
  if (change < 0) return `▼ ${-change}`;
  return '—';
}

/** A change in words, for screen readers and tooltips. */
export function describeChange(change: number, what: string): string {
  if (change > 0) return `${what} up ${change}`;
  if (change < 0) return `${what} down ${-change}`;
  return `${what} unchanged`;
}
