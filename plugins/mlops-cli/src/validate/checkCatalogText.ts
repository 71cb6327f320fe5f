import {
  Entity,
  FieldFormatEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CATALOG_YAML_OPTIONS,
  catalogPolicyProblem,
  fieldOffset,
  isMlopsEntity,
  lookalikeMlopsKindProblem,
  rootFieldProblems,
  unsupportedMlopsEntityProblem,
  validateMlopsEntity,
  ValidationProblem,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
  Scalar,
  visit,
} from 'yaml';

/** One problem in a catalog file, located by line. */
export interface FileProblem {
  line: number;
  /** The entity as the catalog names it (`mlmodel:default/churn-gbm`), or `-`. */
  entity: string;
  /** The field path (`spec.metrics[0].value`), or `-` for the whole document. */
  field: string;
  message: string;
}

/** What a check of one file found. */
export interface FileReport {
  problems: FileProblem[];
  /** ML entities checked, valid or not. */
  checked: number;
  /** Entities of other kinds, left to their own tools. */
  skipped: number;
}

// YAML 1.1 booleans that YAML 1.2, and so the catalog, reads as strings.
const YAML_1_1_BOOLEAN =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

// The envelope policies the catalog applies to every entity before the kind
// validators run. They stop at the first problem.
const catalogPolicies = [
  new SchemaValidEntityPolicy(),
  new FieldFormatEntityPolicy(),
];

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && range[0] <= offset && offset <= range[2];
}

/** The field path of the innermost node at `offset`, `-` at the top. */
function pathAt(doc: Document, offset: number): string {
  let path = '';
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find(
        item => contains(item.key, offset) || contains(item.value, offset),
      );
      if (!pair || !isScalar(pair.key)) break;
      path += `${path ? '.' : ''}${String(pair.key.value)}`;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(item => contains(item, offset));
      if (index < 0) break;
      path += `[${index}]`;
      node = node.items[index];
    } else {
      break;
    }
  }
  return path || '-';
}

function entityName(value: unknown): string {
  const entity = value as Partial<Entity> | null;
  if (typeof entity?.kind !== 'string') return '-';
  const name = entity.metadata?.name;
  return stringifyEntityRef({
    kind: entity.kind,
    namespace:
      typeof entity.metadata?.namespace === 'string'
        ? entity.metadata.namespace
        : undefined,
    name: typeof name === 'string' && name ? name : '(no name)',
  }).toLocaleLowerCase('en-US');
}

function yamlProblems(
  doc: Document,
  entity: string,
  lines: LineCounter,
): FileProblem[] {
  return doc.errors.map(error => {
    const quote =
      /^Block scalar header includes extra characters: ([<>=]+)/.exec(
        error.message,
      )?.[1];
    return {
      line: lines.linePos(error.pos[0]).line,
      entity,
      field: pathAt(doc, error.pos[0]),
      message: `YAML syntax error: ${error.message}${
        quote
          ? `; unquoted, > and | start a block scalar: write '${quote}'`
          : ''
      }. The catalog ingests none of the entities of a file with a YAML error`,
    };
  });
}

/** The catalog's own envelope checks, once the root fields are known ones. */
async function envelopeProblems(entity: Entity): Promise<ValidationProblem[]> {
  const roots = rootFieldProblems(entity);
  if (roots.length) return roots;
  for (const policy of catalogPolicies) {
    try {
      await policy.enforce(entity);
    } catch (error) {
      const problem = catalogPolicyProblem((error as Error).message);
      return [{ path: problem.path ?? 'metadata', message: problem.message }];
    }
  }
  return [];
}

/** Plain `yes`, `no`, `on`, `off`: booleans to YAML 1.1 tools, strings here. */
function ambiguousScalars(doc: Document): { path: string; node: Scalar }[] {
  const found: { path: string; node: Scalar }[] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key !== 'value' || node.type !== 'PLAIN') return;
      if (typeof node.value !== 'string') return;
      if (!YAML_1_1_BOOLEAN.test(node.value)) return;
      const path = ancestors
        .flatMap((ancestor, i) => {
          if (isPair(ancestor) && isScalar(ancestor.key)) {
            return [String(ancestor.key.value)];
          }
          const child = ancestors[i + 1] ?? node;
          return isSeq(ancestor)
            ? [`[${ancestor.items.indexOf(child as never)}]`]
            : [];
        })
        .join('.')
        .replace(/\.\[/g, '[');
      found.push({ path, node });
    },
  });
  return found;
}

/** Everything wrong with one ML-looking entity, in the catalog's order. */
async function entityProblems(
  doc: Document,
  value: Entity,
): Promise<ValidationProblem[]> {
  const lookalike = lookalikeMlopsKindProblem(value);
  if (lookalike) return [lookalike];
  const problems = await envelopeProblems(value);
  const unsupported = unsupportedMlopsEntityProblem(value);
  if (unsupported) return [...problems, unsupported];
  if (!isMlopsEntity(value)) return problems;
  const all = [
    ...problems,
    ...validateMlopsEntity(value).filter(
      p => !problems.some(q => q.path === p.path),
    ),
  ];
  for (const { path, node } of ambiguousScalars(doc)) {
    if (!all.some(p => p.path === path)) {
      all.push({
        path,
        message: `is the string "${node.value}" to the catalog (YAML 1.2) but a boolean to YAML 1.1 tools: write true or false for a boolean, '${node.value}' for a string`,
      });
    }
  }
  return all;
}

function isMlopsCandidate(value: Partial<Entity>): boolean {
  return (
    unsupportedMlopsEntityProblem(value as Entity) !== undefined ||
    lookalikeMlopsKindProblem(value as Entity) !== undefined ||
    isMlopsEntity(value as Entity)
  );
}

/**
 * Checks the text of one catalog file as the catalog would read it, plus what
 * the catalog reports badly or too late: YAML errors, misspelt or misplaced
 * kinds, misspelt root fields, YAML 1.1 booleans. Entities of other kinds are
 * counted but not checked.
 */
export async function checkCatalogText(text: string): Promise<FileReport> {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    ...CATALOG_YAML_OPTIONS,
    lineCounter: lines,
    prettyErrors: false,
  });
  const report: FileReport = { problems: [], checked: 0, skipped: 0 };
  if (!Array.isArray(docs)) return report;
  for (const doc of docs) {
    let value: unknown;
    try {
      value = doc.toJS();
    } catch {
      value = undefined;
    }
    const entity = entityName(value);
    if (doc.errors.length) {
      // What the parser recovered is not what the owner wrote.
      report.problems.push(...yamlProblems(doc, entity, lines));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      report.problems.push({
        line: lines.linePos((doc.contents as Node).range?.[0] ?? 0).line,
        entity,
        field: '-',
        message: `must be an entity (a mapping with apiVersion, kind, metadata, spec), got ${
          Array.isArray(value) ? 'a list' : typeof value
        }`,
      });
      continue;
    }
    if (!isMlopsCandidate(value as Partial<Entity>)) {
      report.skipped++;
      continue;
    }
    report.checked++;
    for (const problem of await entityProblems(doc, value as Entity)) {
      report.problems.push({
        line: lines.linePos(fieldOffset(doc, problem.path)).line,
        entity,
        field: problem.path,
        message: problem.message,
      });
    }
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}
