import { promises as fs } from 'fs';
import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  locateEntityFields,
  RejectedEntity,
  RejectedEntityLocation,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { SourceLines } from './RejectedEntitiesService';

const TTL_MS = 60_000;
const MAX_FILES = 200;

/**
 * Lines of rejected entities, found by reading the file the catalog read
 * them from: `url` locations through the backend's URL readers (the
 * integrations the catalog uses), `file` locations from the disk when the
 * backend runs where the catalog does. The catalog itself keeps no lines. A
 * file is read at most once a minute; one that cannot be read gives no lines.
 */
export class CatalogFileLines implements SourceLines {
  private readonly files = new Map<
    string,
    { readAt: number; text: Promise<string | undefined> }
  >();

  constructor(
    private readonly deps: {
      urlReader: UrlReaderService;
      logger: LoggerService;
    },
  ) {}

  async locate(entity: RejectedEntity): Promise<RejectedEntity> {
    const { location } = entity;
    if (!location) return entity;
    const text = await this.read(location);
    if (text === undefined) return entity;
    const { kind, namespace, name } = parseEntityRef(entity.entityRef);
    const found = locateEntityFields(
      text,
      { kind, namespace, name },
      entity.problems.map(p => p.field ?? ''),
    );
    if (!found) return entity;
    const problems = entity.problems.map((problem, i) =>
      problem.field ? { ...problem, line: found.fields[i] } : problem,
    );
    // In the order of the file, as the owner reads it; those without a line last.
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    return {
      ...entity,
      location: { ...location, line: found.line },
      problems,
    };
  }

  private read(location: RejectedEntityLocation): Promise<string | undefined> {
    const key = `${location.type}:${location.target}`;
    const now = Date.now();
    const cached = this.files.get(key);
    if (cached && now - cached.readAt < TTL_MS) return cached.text;
    const text = this.readNow(location).catch(error => {
      this.deps.logger.debug(
        `Could not read ${key} to locate rejected entities: ${error}`,
      );
      return undefined;
    });
    this.files.delete(key);
    this.files.set(key, { readAt: now, text });
    if (this.files.size > MAX_FILES) {
      this.files.delete(this.files.keys().next().value!);
    }
    return text;
  }

  private async readNow(
    location: RejectedEntityLocation,
  ): Promise<string | undefined> {
    if (location.type === 'file') {
      return fs.readFile(location.target, 'utf8');
    }
    if (location.type === 'url') {
      const response = await this.deps.urlReader.readUrl(location.target);
      return (await response.buffer()).toString('utf8');
    }
    return undefined;
  }
}
