import { readSpecReferences } from '../references';
import { MlopsEntity } from '../types';
import { rootFieldProblems } from './envelope';
import { monitorProblems } from './monitorSpec';
import type { ValidationProblem } from './problems';
import { schemaProblems } from './schemaProblems';
import { businessDriverProblems } from './useCaseSpec';

// Consistency rules that JSON schema cannot express.
function semanticProblems(entity: MlopsEntity): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (entity.kind === 'MLUseCase') {
    problems.push(...businessDriverProblems(entity.spec.businessDrivers ?? []));
  }
  const duplicates = (path: string, names: string[] | undefined) => {
    const seen = new Set<string>();
    names?.forEach((name, index) => {
      if (seen.has(name)) {
        problems.push({
          path: `${path}[${index}].name`,
          message: `repeats "${name}"; each name may appear once`,
        });
      }
      seen.add(name);
    });
  };
  if (entity.kind === 'MLModel') {
    duplicates(
      'spec.metrics',
      entity.spec.metrics?.map(m => m.name),
    );
  }
  if (entity.kind === 'MLMonitor') {
    duplicates(
      'spec.features',
      entity.spec.features.map(f => f.name),
    );
    problems.push(...monitorProblems(entity.spec));
  }
  return problems;
}

// Reference strings are checked whatever the shape of the rest of the spec,
// so that one round of fixes is enough.
function referenceProblems(entity: MlopsEntity): ValidationProblem[] {
  return readSpecReferences(entity).flatMap(reference =>
    reference.problem
      ? [{ path: reference.path, message: reference.problem }]
      : [],
  );
}

/**
 * Lists everything wrong with an MLightenment entity: root fields outside the
 * Backstage envelope, schema violations (wrong types, missing or misspelt
 * fields), malformed references and
 * inconsistent values. An empty list means the entity is valid.
 * @public
 */
export function validateMlopsEntity(entity: MlopsEntity): ValidationProblem[] {
  const problems = [
    ...rootFieldProblems(entity),
    ...schemaProblems(entity.kind, entity),
  ];
  // Consistency rules read the spec as typed, so only once its shape is right.
  const consistency = problems.length ? [] : semanticProblems(entity);
  return [...problems, ...consistency, ...referenceProblems(entity)];
}
