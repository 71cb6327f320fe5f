import type { ComparisonOperator } from '../kinds/types';

/** Whether `value operator threshold` holds. @public */
export function compare(
  value: number,
  operator: ComparisonOperator,
  threshold: number,
): boolean {
  switch (operator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '==':
      return value === threshold;
    default:
      throw new TypeError(`Unknown comparison operator ${operator}`);
  }
}
