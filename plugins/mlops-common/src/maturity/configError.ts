/** One thing wrong with a configuration: the key, and what is wrong with it. @public */
export interface ConfigProblem {
  /** The configuration key, e.g. `mlops.maturity.customChecks[1].operator`. */
  key: string;
  message: string;
}

/**
 * Thrown when the maturity configuration (`mlops.maturity`) is invalid. The
 * message names every offending key, one per line; `problems` lists them.
 * @public
 */
export class RubricConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(problems.map(p => `${p.key}: ${p.message}`).join('\n'));
    this.name = 'RubricConfigError';
    this.problems = problems;
  }
}

/** Collects problems while a configuration is read, and throws them together. */
export class ProblemCollector {
  readonly problems: ConfigProblem[] = [];

  add(key: string, message: string): void {
    this.problems.push({ key, message });
  }

  throwIfAny(): void {
    if (this.problems.length) throw new RubricConfigError(this.problems);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a configured value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
