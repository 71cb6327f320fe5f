import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, InputError } from '@backstage/errors';
import type {
  EntityFilterQuery,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogSnapshot,
  CheckExemption,
  CheckOutcome,
  EntityMaturity,
  EntityFacts,
  isMlopsEntity,
  levelName,
  MaturityLevel,
  MLOPS_KINDS,
  MlopsEntity,
  MlopsKind,
  PushedCheckResult,
  pushedResultFactId,
  Rubric,
  summarizeMaturity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { MlopsFactSource } from '@mlightenment/backstage-plugin-mlops-node';
import { EntityAccess } from '../shared/EntityAccess';
import { normalizeRef, refOf } from '../shared/entityRefs';
import { evaluateEntities } from './evaluateEntities';
import { entityMaturities, rollUp, RollUp } from './rollup';
import type {
  ScorecardChange,
  ScorecardEvaluation,
  ScorecardStore,
  StoredCheckResult,
  StoredScorecard,
} from './ScorecardStore';
import { TeamHierarchy } from './TeamHierarchy';
import { TtlCache } from '../shared/TtlCache';
import { withRetries } from '../shared/retry';

const DAY = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 500;
/** How long a loaded group tree serves team roll-ups before it is read again. */
const HIERARCHY_TTL_MS = 5 * 60 * 1000;
/** How long a roll-up's stored inputs serve requests (a store by this replica clears them). */
const ROLL_UP_CACHE_TTL_MS = 30 * 1000;

/** A roll-up's stored inputs as cached: every entity, their references and, once asked for, their roll-up. */
type StoredMaturities = {
  all: EntityMaturity[];
  refs: string[];
  rolledUp?: RollUp;
};

/**
 * Told of the ML entities a full refresh reads, a page at a time, and once
 * the run has read them all, of every entity it saw (the diagnostic keeps
 * its copy of the entities here).
 */
export interface RefreshEntityListener {
  page(entities: readonly MlopsEntity[], now: Date): Promise<void>;
  done(seen: ReadonlySet<string>): Promise<void>;
}

/** Told of every scorecard change a run stores (level-drop notifications listen here). */
export type ScorecardChangeListener = (
  changes: ScorecardChange[],
) => Promise<void>;

export interface ScorecardServiceOptions {
  store: ScorecardStore;
  catalog: CatalogService;
  auth: AuthService;
  access: EntityAccess;
  logger: LoggerService;
  rubric: Rubric;
  exemptions: readonly CheckExemption[];
  factSources: readonly MlopsFactSource[];
  onChanges?: ScorecardChangeListener;
  clock?: () => Date;
  /** How many entities a refresh asks the catalog for at a time (default 500). */
  pageSize?: number;
}

/** What a refresh did. */
export interface RefreshSummary {
  entityCount: number;
  changedCount: number;
  durationMs: number;
}

/**
 * Evaluates the rubric over the catalog's ML entities, stores the results,
 * and answers questions about them (one entity, its history, a team, the
 * organisation), showing callers only entities they may read.
 */
export class ScorecardService {
  private hierarchy?: { tree: TeamHierarchy; loadedAt: number };
  private readonly rollUps = new TtlCache<StoredMaturities>({
    ttlMs: ROLL_UP_CACHE_TTL_MS,
    maxEntries: 500,
  });

  private readonly changeListeners: ScorecardChangeListener[] = [];
  private readonly entityListeners: RefreshEntityListener[] = [];

  constructor(private readonly options: ScorecardServiceOptions) {
    if (options.onChanges) this.changeListeners.push(options.onChanges);
  }

  /** Adds a listener told of the entities each full refresh reads. */
  addEntityListener(listener: RefreshEntityListener): void {
    this.entityListeners.push(listener);
  }

  /** Tells the entity listeners, logging rather than failing the run. */
  private async tellEntityListeners(
    tell: (listener: RefreshEntityListener) => Promise<void>,
  ): Promise<void> {
    for (const listener of this.entityListeners) {
      await tell(listener).catch(error =>
        this.options.logger.warn(
          `Could not pass on the refreshed entities: ${error}`,
        ),
      );
    }
  }

  /** Adds a listener told of every scorecard change a run stores. */
  addChangeListener(listener: ScorecardChangeListener): void {
    this.changeListeners.push(listener);
  }

  get rubric(): Rubric {
    return this.options.rubric;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private async serviceCredentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  /** Evaluates every ML entity in the catalog and stores what changed. */
  async refreshAll(trigger: string): Promise<RefreshSummary> {
    const { store, logger } = this.options;
    const started = Date.now();
    const now = this.now();
    const runId = await store.startRun(trigger, now);
    try {
      const { evaluations, seen } = await this.readAndEvaluateAll(now);
      // The entities and the snapshot are garbage by now: storing, which
      // builds every row, can reuse their memory instead of growing the heap.
      const changes = await this.store(evaluations, now);
      await store.removeScorecardsExcept(seen);
      await this.tellEntityListeners(l => l.done(seen));
      const durationMs = Date.now() - started;
      await store.finishRun(runId, {
        now: this.now(),
        entityCount: seen.size,
        changedCount: changes.length,
      });
      logger.info(
        `Evaluated ${seen.size} ML entities (${changes.length} changed) in ${durationMs} ms`,
      );
      return {
        entityCount: seen.size,
        changedCount: changes.length,
        durationMs,
      };
    } catch (error) {
      await store.finishRun(runId, { now: this.now(), error: String(error) });
      throw error;
    }
  }

  /**
   * Reads every ML entity and Group from the catalog, with what they relate
   * to, and evaluates them. The entity listeners are told of each page as
   * it is read.
   *
   * Every ML entity is held at once, so that each check sees every other
   * ML entity and what they relate to. Evaluating and storing page by page
   * instead was measured with 10,000 entities: each page then fetches the
   * ML entities on other pages again, with what they relate to, and the
   * extra allocation raised the plugin's peak memory and doubled the
   * refresh's time (docs/benchmarks.md).
   */
  private async readAndEvaluateAll(now: Date) {
    const credentials = await this.serviceCredentials();
    const groups = await this.readGroups(credentials);
    const mlEntities: MlopsEntity[] = [];
    for await (const page of this.catalogPages(
      MLOPS_KINDS.map(kind => ({ kind })),
      credentials,
    )) {
      const entities = page.filter(isMlopsEntity);
      mlEntities.push(...entities);
      await this.tellEntityListeners(l => l.page(entities, now));
    }
    const snapshot = await this.snapshotWith(mlEntities, groups, credentials);
    return {
      evaluations: await this.evaluate(mlEntities, snapshot, now),
      seen: new Set(mlEntities.map(refOf)),
    };
  }

  /** Reads every Group (the team tree, and the owners the checks look at). */
  private async readGroups(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const groups: Entity[] = [];
    for await (const page of this.catalogPages(
      { kind: 'Group' },
      credentials,
    )) {
      groups.push(...page);
    }
    this.hierarchy = {
      tree: TeamHierarchy.fromGroups(groups),
      loadedAt: Date.now(),
    };
    return groups;
  }

  /**
   * The catalog's entities matching `filter`, a page at a time. A page the
   * catalog fails to send (a connection reset, a 5xx) is asked for again,
   * from the same cursor, so one dropped connection does not cost the run.
   */
  private async *catalogPages(
    filter: EntityFilterQuery,
    credentials: BackstageCredentials,
  ): AsyncIterable<Entity[]> {
    const limit = this.options.pageSize ?? PAGE_SIZE;
    let cursor: string | undefined;
    do {
      const request: QueryEntitiesRequest = cursor
        ? { cursor, limit }
        : { filter, limit, totalItems: 'exclude' };
      const { items, pageInfo } = await withRetries(() =>
        this.options.catalog.queryEntities(request, { credentials }),
      );
      yield items;
      cursor = pageInfo.nextCursor;
    } while (cursor);
  }

  /** Evaluates one entity now; undefined when the catalog does not hold it. */
  async refreshEntity(entityRef: string): Promise<StoredScorecard | undefined> {
    const entity = await this.mlEntity(normalizeRef(entityRef));
    return entity && this.evaluateOne(entity);
  }

  /** The ML entity the catalog holds under the reference, if any. */
  private async mlEntity(ref: string): Promise<MlopsEntity | undefined> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.serviceCredentials(),
    });
    return entity && isMlopsEntity(entity) ? entity : undefined;
  }

  private async evaluateOne(entity: MlopsEntity): Promise<StoredScorecard> {
    const credentials = await this.serviceCredentials();
    const snapshot = await this.snapshotWith([entity], [], credentials, 2);
    await this.evaluateAndStore([entity], snapshot, this.now());
    return (await this.options.store.getScorecard(refOf(entity)))!;
  }

  /**
   * A snapshot of the entities, plus the entities their relations point to
   * that are not among them (serving components, datasets, users), followed
   * `hops` relations deep.
   */
  private async snapshotWith(
    mlEntities: readonly Entity[],
    others: readonly Entity[],
    credentials: BackstageCredentials,
    hops = 1,
  ): Promise<CatalogSnapshot> {
    const known = new Map<string, Entity>();
    for (const entity of [...mlEntities, ...others])
      known.set(refOf(entity), entity);
    let frontier: Entity[] = [...mlEntities];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const missing = new Set<string>();
      for (const entity of frontier) {
        for (const relation of entity.relations ?? []) {
          const target = relation.targetRef.toLowerCase();
          if (!known.has(target)) missing.add(target);
        }
      }
      const fetched: Entity[] = [];
      const refs = [...missing];
      for (let i = 0; i < refs.length; i += 1000) {
        const { items } = await this.options.catalog.getEntitiesByRefs(
          { entityRefs: refs.slice(i, i + 1000) },
          { credentials },
        );
        for (const item of items) {
          if (item) {
            known.set(refOf(item), item);
            fetched.push(item);
          }
        }
      }
      frontier = fetched.filter(isMlopsEntity);
    }
    return new CatalogSnapshot(known.values());
  }

  private async evaluateAndStore(
    entities: MlopsEntity[],
    snapshot: CatalogSnapshot,
    now: Date,
  ): Promise<ScorecardChange[]> {
    const evaluations = await this.evaluate(entities, snapshot, now);
    return this.store(evaluations, now);
  }

  private async evaluate(
    entities: MlopsEntity[],
    snapshot: CatalogSnapshot,
    now: Date,
  ): Promise<ScorecardEvaluation[]> {
    const facts = await this.collectFacts(entities);
    return evaluateEntities({
      rubric: this.options.rubric,
      entities,
      catalog: snapshot,
      facts,
      exemptions: this.options.exemptions,
      now,
    });
  }

  /** Stores evaluations and tells the listeners what changed. */
  private async store(
    evaluations: ScorecardEvaluation[],
    now: Date,
  ): Promise<ScorecardChange[]> {
    const changes = await this.options.store.saveEvaluations(evaluations, {
      now,
    });
    this.rollUps.clear();
    if (changes.length > 0) {
      for (const listener of this.changeListeners) {
        await listener(changes).catch(error =>
          this.options.logger.warn(
            `Could not act on scorecard changes: ${error}`,
          ),
        );
      }
    }
    return changes;
  }

  /** Pushed results and every fact source's facts, merged per entity. */
  private async collectFacts(
    entities: readonly MlopsEntity[],
  ): Promise<Map<string, EntityFacts>> {
    const facts = new Map<string, Record<string, EntityFacts[string]>>();
    const factsOf = (ref: string) => {
      let entry = facts.get(ref);
      if (!entry) facts.set(ref, (entry = {}));
      return entry;
    };
    const refs = entities.map(refOf);
    const pushed = await this.options.store.getLatestCheckResults(refs);
    for (const [ref, results] of pushed) {
      for (const result of results) {
        const fact: PushedCheckResult = {
          outcome: result.outcome,
          reason: result.reason,
          submittedBy: result.submittedBy,
          submittedAt: result.submittedAt.toISOString(),
          ...(result.link ? { link: result.link } : {}),
        };
        factsOf(ref)[pushedResultFactId(result.checkId)] = fact as any;
      }
    }
    for (const source of this.options.factSources) {
      try {
        const sourceFacts = await source.getFacts(entities);
        for (const [ref, entityFacts] of sourceFacts) {
          Object.assign(factsOf(ref.toLowerCase()), entityFacts);
        }
      } catch (error) {
        this.options.logger.warn(
          `Fact source ${source.id} failed, evaluating without it: ${error}`,
        );
      }
    }
    return facts;
  }

  /** Stores a result a pipeline pushed and evaluates the entity again. */
  async pushCheckResult(
    input: {
      entityRef: string;
      checkId: string;
      outcome: CheckOutcome;
      reason: string;
      link?: string;
    },
    submittedBy: string,
  ): Promise<StoredCheckResult> {
    let entityRef: string;
    try {
      entityRef = normalizeRef(input.entityRef);
    } catch (error) {
      throw new InputError(`Invalid entityRef "${input.entityRef}": ${error}`);
    }
    const check = this.options.rubric.checks.find(c => c.id === input.checkId);
    if (!check) {
      throw new InputError(
        `Invalid checkId "${input.checkId}": the rubric has no such check`,
      );
    }
    const entity = await this.mlEntity(entityRef);
    if (!entity) {
      throw new NotFoundError(`No ML entity ${entityRef} in the catalog`);
    }
    if (!check.kinds.includes(entity.kind)) {
      throw new InputError(
        `Invalid checkId "${input.checkId}": it applies to ${check.kinds.join(
          ', ',
        )}, not ${entity.kind}`,
      );
    }
    const result: StoredCheckResult = {
      entityRef,
      checkId: input.checkId,
      outcome: input.outcome,
      reason: input.reason,
      link: input.link,
      submittedBy,
      submittedAt: this.now(),
    };
    await this.options.store.addCheckResult(result);
    try {
      await this.evaluateOne(entity);
    } catch (error) {
      // The result is stored: an error answer would make the pipeline push
      // it again, and store it twice. The next scheduled evaluation scores it.
      this.options.logger.warn(
        `Stored the ${input.checkId} result for ${entityRef}, but could not evaluate it now: ${error}`,
      );
    }
    return result;
  }

  /** Whether the caller may read the entity in the catalog. */
  async canRead(entityRef: string, credentials: BackstageCredentials) {
    return this.options.access.canRead(normalizeRef(entityRef), credentials);
  }

  /** An entity's stored scorecard, without a read check (public badges). */
  async getStoredScorecard(entityRef: string) {
    return this.options.store.getScorecard(normalizeRef(entityRef));
  }

  /** An entity's stored scorecard if the caller may read the entity. */
  async getScorecard(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredScorecard> {
    const ref = normalizeRef(entityRef);
    const scorecard = await this.options.store.getScorecard(ref);
    if (!scorecard || !(await this.options.access.canRead(ref, credentials))) {
      throw new NotFoundError(`No scorecard for ${ref}`);
    }
    return scorecard;
  }

  async getHistory(
    entityRef: string,
    days: number,
    credentials: BackstageCredentials,
  ) {
    const scorecard = await this.getScorecard(entityRef, credentials);
    const history = await this.options.store.getHistory(
      scorecard.entityRef,
      new Date(this.now().getTime() - days * DAY),
    );
    const changes: Array<{
      at: string;
      checkId: string;
      from?: CheckOutcome;
      to: CheckOutcome;
    }> = [];
    for (let i = 1; i < history.length; i++) {
      const before = new Map(
        history[i - 1].results.map(r => [r.checkId, r.outcome]),
      );
      for (const result of history[i].results) {
        if (before.get(result.checkId) !== result.outcome) {
          changes.push({
            at: history[i].recordedAt.toISOString(),
            checkId: result.checkId,
            from: before.get(result.checkId),
            to: result.outcome,
          });
        }
      }
    }
    return {
      entityRef: scorecard.entityRef,
      days,
      points: history.map(h => ({
        at: h.recordedAt.toISOString(),
        level: h.level,
        score: h.score,
      })),
      changes: changes.reverse(),
    };
  }

  /** The group tree, read from the catalog at most every few minutes. */
  async teams(): Promise<TeamHierarchy> {
    if (
      this.hierarchy &&
      Date.now() - this.hierarchy.loadedAt < HIERARCHY_TTL_MS
    ) {
      return this.hierarchy.tree;
    }
    const credentials = await this.serviceCredentials();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.parent',
          'spec.children',
        ],
      },
      { credentials },
    );
    this.hierarchy = {
      tree: TeamHierarchy.fromGroups(items),
      loadedAt: Date.now(),
    };
    return this.hierarchy.tree;
  }

  /**
   * Scorecards and their states at the period start, restricted to what the
   * caller may read, with their roll-up. A caller who may read everything
   * gets the roll-up computed once per cached read.
   */
  private async readableMaturities(
    filter: { ownerRefs?: string[]; kind?: MlopsKind },
    days: number,
    credentials: BackstageCredentials,
  ): Promise<{ entities: EntityMaturity[]; rolledUp: RollUp }> {
    const { store, access } = this.options;
    const key = JSON.stringify([filter.kind, days, filter.ownerRefs]);
    const stored = await this.rollUps.get(key, async () => {
      const since = new Date(this.now().getTime() - days * DAY);
      const [scorecards, atStart] = await Promise.all([
        store.listSummaries(filter),
        store.getBaselineStates(since, filter),
      ]);
      const all = entityMaturities(scorecards, atStart);
      return { all, refs: all.map(e => e.entityRef) };
    });
    const readable = await access.readable(stored.refs, credentials);
    if (readable === 'all') {
      stored.rolledUp ??= rollUp(stored.all);
      return { entities: stored.all, rolledUp: stored.rolledUp };
    }
    const entities = stored.all.filter(e => readable.has(e.entityRef));
    return { entities, rolledUp: rollUp(entities) };
  }

  /** A team's roll-up over its whole hierarchy, with one page of its leaderboard (all of it without `limit`). */
  async getTeam(
    groupRef: string,
    options: {
      days: number;
      kind?: MlopsKind;
      offset?: number;
      limit?: number;
    },
    credentials: BackstageCredentials,
  ) {
    const ref = normalizeRef(groupRef, { defaultKind: 'group' });
    const tree = await this.teams();
    if (!tree.has(ref))
      throw new NotFoundError(`No group ${ref} in the catalog`);
    const groups = tree.descendantsAndSelf(ref);
    const { entities, rolledUp } = await this.readableMaturities(
      { ownerRefs: groups, kind: options.kind },
      options.days,
      credentials,
    );
    const offset = options.offset ?? 0;
    const limit = options.limit ?? entities.length;
    return {
      teamRef: ref,
      title: tree.title(ref),
      groups,
      days: options.days,
      levels: [...this.options.rubric.levels],
      ...rolledUp,
      entities: rolledUp.entities.slice(offset, offset + limit),
      page: { offset, limit },
    };
  }

  /** Every team that owns ML entities (directly or below it), each rolled up, and the organisation's summary. */
  async getOverview(
    options: { days: number; kind?: MlopsKind },
    credentials: BackstageCredentials,
  ) {
    const tree = await this.teams();
    const { entities, rolledUp: all } = await this.readableMaturities(
      { kind: options.kind },
      options.days,
      credentials,
    );
    const byOwner = new Map<string, EntityMaturity[]>();
    for (const entity of entities) {
      if (!entity.owner) continue;
      const list = byOwner.get(entity.owner) ?? [];
      list.push(entity);
      byOwner.set(entity.owner, list);
    }
    const teams = tree
      .groups()
      .map(group => {
        const owned = tree
          .descendantsAndSelf(group)
          .flatMap(g => byOwner.get(g) ?? []);
        return { group, owned };
      })
      .filter(({ owned }) => owned.length > 0)
      .map(({ group, owned }) => ({
        teamRef: group,
        title: tree.title(group),
        parent: tree.parentOf(group),
        children: tree.childrenOf(group),
        summary: summarizeMaturity(owned),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
    return {
      days: options.days,
      levels: [...this.options.rubric.levels],
      summary: all.summary,
      teams,
      biggestDrops: all.biggestDrops,
    };
  }

  /** The name the rubric gives a level. */
  levelName(level: MaturityLevel): string {
    return levelName(this.options.rubric, level);
  }

  /** Deletes history older than the retention period. */
  async applyRetention(retentionDays: number): Promise<number> {
    return this.options.store.deleteOlderThan(
      new Date(this.now().getTime() - retentionDays * DAY),
    );
  }
}
