import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { RELATION_IMPLEMENTS_USE_CASE } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  KpiActualSource,
  KpiDefinitionVersion,
  KpiValue,
} from '@mlightenment/backstage-plugin-mlops-common';
import { formatDate } from '../components/shared';

/** Where the business-value documentation is, unless the app says otherwise. */
export const VALUE_DOCS_PATH = 'docs/business-value.md';

/** A KPI value with its unit and thousands separators: `2.5 %`, `1,250 EUR`. */
export function formatKpiValue(
  value: number | undefined,
  unit?: string,
): string {
  if (value === undefined) return '—';
  const number = value.toLocaleString('en-GB', {
    maximumSignificantDigits: 6,
  });
  return unit ? `${number} ${unit}` : number;
}

/**
 * How far the latest actual has come from the baseline towards the target:
 * `50 % of the way to target`; negative when it moved the wrong way, above
 * 100 % when the target is beaten.
 */
export function formatProgress(progress: number): string {
  const percent = Math.round(progress * 100);
  const way = `${percent} % of the way to target`;
  if (progress < 0) return `${way}: worse than the baseline`;
  if (progress > 1) return `${way}: target beaten`;
  return way;
}

/** Where an actual came from, as the history shows it. */
export const SOURCE_LABELS: Record<KpiActualSource, string> = {
  pipeline: 'Pipeline',
  person: 'Check-in',
  source: 'Source',
};

function changes(
  before: KpiDefinitionVersion,
  after: KpiDefinitionVersion,
): string[] {
  const fields: Array<[string, string, string]> = [
    [
      'baseline',
      formatKpiValue(before.baseline, before.unit),
      formatKpiValue(after.baseline, after.unit),
    ],
    [
      'target',
      formatKpiValue(before.target, before.unit),
      formatKpiValue(after.target, after.unit),
    ],
    ['direction', before.direction, after.direction],
    ['method', before.method, after.method],
  ];
  return fields
    .filter(([, was, now]) => was !== now)
    .map(([name, was, now]) => `${name} ${now} (was ${was})`);
}

/**
 * One sentence per change of a KPI's definition, the newest last:
 * `Definition changed on 1 Jun 2026: baseline 2.6 % (was 2.8 %), target
 * 2 % (was 2.2 %).`
 */
export function definitionChanges(kpi: KpiValue): string[] {
  return kpi.definitionVersions.slice(1).map((version, i) => {
    const changed = changes(kpi.definitionVersions[i], version);
    return `Definition changed on ${formatDate(version.validFrom)}: ${
      changed.length > 0 ? changed.join(', ') : 'its unit'
    }.`;
  });
}

/**
 * The MLUseCase whose value an entity page shows: the use case itself, or
 * the one a model implements (its relation, else its `spec.useCase`).
 */
export function valueUseCaseRef(entity: Entity): string | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'mlusecase') return stringifyEntityRef(entity);
  const related = entity.relations?.find(
    r => r.type === RELATION_IMPLEMENTS_USE_CASE,
  );
  if (related) return related.targetRef;
  const declared = (entity.spec as { useCase?: unknown } | undefined)?.useCase;
  if (typeof declared !== 'string' || !declared) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(declared, {
        defaultKind: 'mlusecase',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
