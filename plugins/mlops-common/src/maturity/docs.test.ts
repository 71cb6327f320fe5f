import { readFileSync } from 'fs';
import { resolve } from 'path';
import { checkDocsLink } from '../checks/builtIn/docsLink';
import { DEFAULT_MATURITY_CHECKS } from './defaultRubric';
import { ML_TEST_SCORE_TESTS } from './mlTestScore';

// The documentation is read from the repository so that it cannot drift from
// the rubric: every check has its section where its link points.
const docs = resolve(__dirname, '../../../../docs');
const maturity = readFileSync(resolve(docs, 'maturity.md'), 'utf8');
const entityReference = readFileSync(
  resolve(docs, 'entity-reference.md'),
  'utf8',
);

/** The anchor GitHub gives a Markdown heading. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return undefined;
  const next = markdown.slice(start + heading.length + 2).search(/\n#{2,3} /);
  return markdown.slice(
    start,
    next < 0 ? undefined : start + heading.length + 2 + next,
  );
}

describe('docs/maturity.md', () => {
  it.each(DEFAULT_MATURITY_CHECKS.map(check => [check.id, check] as const))(
    'documents %s where its link points, with its level and kinds',
    (id, check) => {
      const text = section(maturity, `### ${id}`);
      expect(text).toBeDefined();
      expect(`#${githubAnchor(id)}`).toBe(
        checkDocsLink(id).slice(checkDocsLink(id).indexOf('#')),
      );
      expect(check.remediation.link).toBe(checkDocsLink(id));
      expect(text).toContain(`level ${check.level}`);
      expect(text).toContain(check.kinds.join(', '));
    },
  );

  it('has no section for a check the rubric does not have', () => {
    const ids = new Set(DEFAULT_MATURITY_CHECKS.map(check => check.id));
    const documented = [...maturity.matchAll(/^### ([a-z-]+\.[a-z0-9.-]+)$/gm)]
      .map(match => match[1])
      .filter(id => !ids.has(id));
    expect(documented).toEqual([]);
  });

  it('keeps the sections the backend work fills', () => {
    for (const heading of [
      'Push API',
      'REST API',
      'Custom checks through the extension point',
      'Team roll-ups',
      'Notifications and actions',
    ]) {
      expect(maturity).toContain(`\n## ${heading}\n`);
    }
  });
});

describe('the default rubric', () => {
  it('gives every check a unique id', () => {
    const ids = DEFAULT_MATURITY_CHECKS.map(check => check.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('docs/entity-reference.md', () => {
  it('lists every ML Test Score test id', () => {
    const text = section(entityReference, '## ML Test Score') ?? '';
    expect(
      ML_TEST_SCORE_TESTS.filter(
        test =>
          !new RegExp(
            `\\| +\`${test.section}\` +\\| +\`${test.id}\` +\\|`,
          ).test(text),
      ).map(test => test.id),
    ).toEqual([]);
  });
});
