/** Where the project's documentation is published. */
const DOCS_URL = 'https://github.com/mlightenment/mlightenment/blob/main/docs';

/** A link to a check's entry in the rubric documentation (`docs/maturity.md`): the id without dots as the anchor. @public */
export function checkDocsLink(checkId: string): string {
  return `${DOCS_URL}/maturity.md#${checkId.replace(/\./g, '')}`;
}
