import { checkCadence, isIsoDate } from '../../value/periods';
import { impliedKpiDirection, kpiIdOf } from '../businessDrivers';
import { BusinessDriver } from '../types';
import type { ValidationProblem } from './problems';

function formatNumber(value: number, unit?: string): string {
  return unit ? `${value} ${unit}` : String(value);
}

// The rules on business drivers that make their KPIs trackable: a unique
// history key, a known better direction, a usable cadence and reference period.
export function businessDriverProblems(
  drivers: BusinessDriver[],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const ids = new Map<string, number>();
  drivers.forEach((driver, index) => {
    const at = (field: string) => `spec.businessDrivers[${index}].${field}`;
    const id = kpiIdOf(driver);
    const derived = driver.id === undefined ? ' (derived from the kpi)' : '';
    if (!id) {
      problems.push({
        path: at('id'),
        message: `is required: the kpi ${JSON.stringify(
          driver.kpi,
        )} has no letter a-z or digit to derive it from; write an id of lower-case letters, digits and "-"`,
      });
    } else if (ids.has(id)) {
      problems.push({
        path: at('id'),
        message: `repeats "${id}"${derived}, the id of spec.businessDrivers[${ids.get(
          id,
        )}]; each KPI needs its own id, the key of its history`,
      });
    } else {
      ids.set(id, index);
    }

    const { baseline, target, unit } = driver;
    const implied = impliedKpiDirection(driver);
    if (implied && driver.direction && driver.direction !== implied) {
      problems.push({
        path: at('direction'),
        message: `is "${driver.direction}", but the target ${formatNumber(
          target!,
          unit,
        )} is ${
          implied === 'increase' ? 'above' : 'below'
        } the baseline ${formatNumber(
          baseline!,
          unit,
        )}, which means "${implied}"; correct the direction or the numbers`,
      });
    }
    if (!implied && !driver.direction) {
      const why =
        baseline === undefined || target === undefined
          ? `without both a baseline and a target`
          : `when the target equals the baseline`;
      problems.push({
        path: at('direction'),
        message: `is required ${why}: write "increase" if a higher ${driver.kpi} is better, "decrease" if a lower one is`,
      });
    }

    if (driver.cadence !== undefined) {
      const problem = checkCadence(driver.cadence);
      if (problem) problems.push({ path: at('cadence'), message: problem });
    }

    const period = driver.referencePeriod;
    if (period) {
      const dates = (['start', 'end'] as const).filter(key => {
        if (isIsoDate(period[key])) return true;
        problems.push({
          path: at(`referencePeriod.${key}`),
          message: `is not a day of the calendar, got "${period[key]}"`,
        });
        return false;
      });
      if (dates.length === 2 && period.end <= period.start) {
        problems.push({
          path: at('referencePeriod.end'),
          message: `must be after the start ${period.start}, got ${period.end}`,
        });
      }
    }
  });
  return problems;
}
