import type { Entity } from '@backstage/catalog-model';
import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { findReferenced, fullRef } from './resolve';

/**
 * The annotations that tie a catalog entity to a CI/CD system, as the
 * Backstage plugins for those systems read them. One is enough.
 * @public
 */
export const CI_ANNOTATIONS: readonly string[] = [
  'github.com/project-slug',
  'gitlab.com/project-slug',
  'gitlab.com/project-id',
  'jenkins.io/job-full-name',
  'circleci.com/project-slug',
  'dev.azure.com/project',
  'dev.azure.com/project-repo',
  'buildkite.com/project-slug',
];

function problemsOf(serving: Entity): string[] {
  const name = `${serving.kind} ${serving.metadata.name}`;
  const problems: string[] = [];
  const owner = serving.spec?.owner;
  const ownerKind =
    typeof owner === 'string'
      ? fullRef(owner, 'group', serving)?.split(':')[0]
      : undefined;
  if (ownerKind !== 'group') {
    problems.push(
      `${name} is owned by ${
        typeof owner === 'string' ? owner : 'nobody'
      }, not a Group`,
    );
  }
  const annotations = serving.metadata.annotations ?? {};
  if (!CI_ANNOTATIONS.some(key => annotations[key])) {
    problems.push(`${name} has no CI annotation`);
  }
  return problems;
}

/** The model is served by a catalog Component or API owned by a team and built by CI. @public */
export const modelServedWithCi: CheckDefinition = {
  id: 'model.served-with-ci',
  title: 'Served by a team with CI',
  description:
    'At least one Component or API in spec.servedBy is in the catalog, is owned by a Group and carries a CI annotation (GitHub, GitLab, Jenkins, CircleCI, Azure DevOps or Buildkite).',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLModel'],
  rationale:
    "Automated deployment means the serving code is built, tested and released by a pipeline and a team answers for it, not one person's script.",
  remediation: {
    text: `List the serving Component or API in spec.servedBy, give it a Group as spec.owner, and annotate it with its CI, e.g. \`github.com/project-slug: org/repo\`. Recognised annotations: ${CI_ANNOTATIONS.join(
      ', ',
    )}.`,
    link: checkDocsLink('model.served-with-ci'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const refs = entity.spec.servedBy ?? [];
    if (refs.length === 0) {
      return {
        outcome: 'failed',
        reason: 'spec.servedBy names nothing that serves the model.',
      };
    }
    const problems: string[] = [];
    for (const ref of refs) {
      const serving = findReferenced(context, ref, 'component');
      if (!serving) {
        problems.push(`${ref} is not in the catalog`);
        continue;
      }
      const found = problemsOf(serving);
      if (found.length === 0) {
        const annotation = CI_ANNOTATIONS.find(
          key => serving.metadata.annotations?.[key],
        );
        return {
          outcome: 'passed',
          reason: `Served by ${serving.kind} ${
            serving.metadata.name
          }, owned by ${serving.spec?.owner}, CI ${annotation}: ${
            serving.metadata.annotations![annotation!]
          }.`,
        };
      }
      problems.push(...found);
    }
    return { outcome: 'failed', reason: `${problems.join('; ')}.` };
  },
};
