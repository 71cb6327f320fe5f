import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  AdoptionDiagnostic,
  diagnose,
  DIAGNOSTIC_QUESTIONS,
  DiagnosticAnswerRequest,
  DiagnosticMonthSummary,
  DiagnosticOptions,
  DiagnosticSnapshot,
  DiagnosticTeamAnswers,
  gateFactsVersionOf,
  GateProgressSummary,
  gateProgressSummaryHolds,
  gateRiskTierOf,
  gateSignOffFor,
  GateSignOffRules,
  isMLModelEntity,
  isMLMonitorEntity,
  isMLUseCaseEntity,
  lastMonths,
  mlopsDiagnosticAnswerPermission,
  modelUseCaseRef,
  monthOf,
  ownerOfMlopsEntity,
  RiskTier,
  specRefsOf,
  summariseDiagnostic,
  withTrend,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { GateProgressStore } from '../gates/GateProgressStore';
import type { GateStore } from '../gates/GateStore';
import type { ModelHistoryStore } from '../models';
import { TeamHierarchy } from '../scorecards/TeamHierarchy';
import type { EntityAccess } from '../shared/EntityAccess';
import { normalizeRef, refOf } from '../shared/entityRefs';
import { principalOf } from '../shared/principal';
import { TtlCache } from '../shared/TtlCache';
import type { ValueService } from '../value/ValueService';
import {
  DIAGNOSTIC_ENTITY_FIELDS,
  DiagnosticEntityStore,
} from './DiagnosticEntityStore';
import type { DiagnosticInputs } from './DiagnosticInputs';
import { DiagnosticStore, ORGANISATION_SCOPE } from './DiagnosticStore';
import type { TeamDiagnosticResource } from './permissionRules';

/** The windows a caller may choose, in days. */
export const DIAGNOSTIC_WINDOWS = [30, 90, 365] as const;
/** The window of the monthly snapshots, and the default. */
export const DEFAULT_DIAGNOSTIC_DAYS = 90;

const DAY = 86_400_000;
const ML_KINDS = ['MLUseCase', 'MLModel', 'MLMonitor'];
/**
 * How long the organisation's diagnostic, computed for a caller who may
 * read every entity, is served to the others who may: as long as the team
 * roll-ups are kept.
 */
const ORGANISATION_TTL_MS = 30_000;
/**
 * The oldest the groups, their members and the entities models point to
 * may be when a diagnostic for a caller who may read every entity uses
 * them (and reads them again after it): a few of the catalog's own
 * processing loops, which take that long to show a change in YAML anyway.
 */
export const CATALOG_STALE_MS = 5 * 60_000;
const ANSWERS = ['yes', 'partly', 'no'];

export interface DiagnosticServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  access: EntityAccess;
  permissions: PermissionsService;
  /** Applies a conditional decision on `mlops.diagnostic.answer` (the registered rules). */
  applyConditions: (
    decision: PolicyDecision,
    resource: TeamDiagnosticResource,
  ) => boolean;
  store: DiagnosticStore;
  inputs: DiagnosticInputs;
  /** The ML entities as the last scorecard refresh stored them. */
  entities: Pick<DiagnosticEntityStore, 'list'>;
  gates: Pick<GateStore, 'getEvents'>;
  /** The gate events folded as they were written: read instead of the events where they hold. */
  gateProgress: Pick<GateProgressStore, 'current'>;
  models: ModelHistoryStore;
  value: Pick<ValueService, 'currentKpis'>;
  signOff: GateSignOffRules;
  diagnostic?: DiagnosticOptions;
  clock?: () => Date;
}

/** What the diagnostic read of the catalog, besides the snapshot. */
interface Loaded {
  snapshot: DiagnosticSnapshot;
  hierarchy: TeamHierarchy;
}

/** The catalog's groups as the diagnostic reads them: the team tree, and each group's members. */
interface Directory {
  hierarchy: TeamHierarchy;
  groups: Entity[];
  /** The users who are members of each group, by the group's reference. */
  members: Map<string, string[]>;
}

/** What the diagnostic reads of the datasets and components the models point to. */
const POINTED_TO_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
  'spec.owner',
];

/** The same snapshot over the ML entities that the owners own. */
function restrict(
  snapshot: DiagnosticSnapshot,
  owners: ReadonlySet<string>,
): DiagnosticSnapshot {
  const owned = (e: Parameters<typeof ownerOfMlopsEntity>[0]) =>
    owners.has(ownerOfMlopsEntity(e) ?? '');
  return {
    ...snapshot,
    useCases: snapshot.useCases.filter(owned),
    models: snapshot.models.filter(owned),
    monitors: snapshot.monitors.filter(owned),
  };
}

/**
 * The adoption diagnostic: loads what it is computed from once (the ML
 * entities the caller may read, read with their credentials, and the stored
 * facts of the other features for those), computes it with the common
 * package's pure functions, adds the trend from the monthly snapshots and
 * the team's own answers. Reads never write: the snapshots are written by
 * {@link DiagnosticService.writeMonthlySnapshots}, a scheduled task.
 */
export class DiagnosticService {
  private readonly organisation = new TtlCache<
    Omit<AdoptionDiagnostic, 'scope' | 'title'>
  >({ ttlMs: ORGANISATION_TTL_MS, maxEntries: DIAGNOSTIC_WINDOWS.length });

  /**
   * For callers who may read every entity, what they read of the catalog
   * besides the ML entities is the same for all of them: the groups with
   * their members, and each dataset or component a model points to, are
   * kept as long as the organisation's diagnostic and shared by the
   * organisation's and the teams' diagnostics. A team's diagnostic after
   * the organisation's, or after another team's, asks the catalog only for
   * what was not read within that time. What was read longer ago, up to
   * CATALOG_STALE_MS, is used once more and read again after the request
   * (see {@link DiagnosticService.readStaleAgain}): the first diagnostic
   * after a quiet minute does not wait for the catalog.
   */
  private readonly directory = new TtlCache<Directory>({
    ttlMs: ORGANISATION_TTL_MS,
    staleMs: CATALOG_STALE_MS,
    maxEntries: 1,
  });
  private readonly pointedTo = new TtlCache<Entity | null>({
    ttlMs: ORGANISATION_TTL_MS,
    staleMs: CATALOG_STALE_MS,
    maxEntries: 100_000,
  });

  constructor(private readonly options: DiagnosticServiceOptions) {}

  private now() {
    return this.options.clock?.() ?? new Date();
  }

  private async hierarchy(
    credentials: BackstageCredentials,
  ): Promise<{ hierarchy: TeamHierarchy; groups: Entity[] }> {
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
    return { hierarchy: TeamHierarchy.fromGroups(items), groups: items };
  }

  /**
   * The ML entities in scope (the organisation's, or those the team's
   * groups own). For a caller who may read every entity, as the last
   * scorecard refresh stored them (the catalog's until a refresh has);
   * otherwise the catalog's, read with the caller's credentials.
   */
  private async mlEntities(
    teamGroups: string[] | undefined,
    credentials: BackstageCredentials,
    readable: Promise<'all' | Set<string>>,
  ): Promise<{ items: Entity[] }> {
    if ((await readable) === 'all') {
      const stored = await this.options.entities.list(teamGroups);
      if (stored) return { items: stored };
    }
    return this.options.catalog.getEntities(
      {
        filter: teamGroups
          ? { kind: ML_KINDS, 'relations.ownedby': teamGroups }
          : { kind: ML_KINDS },
        fields: DIAGNOSTIC_ENTITY_FIELDS,
      },
      { credentials },
    );
  }

  /**
   * The users who are members of each group: of every group, or of the
   * team's groups (and the other groups those users are members of).
   */
  private async members(
    teamGroups: string[] | undefined,
    credentials: BackstageCredentials,
  ): Promise<Map<string, string[]>> {
    const users = await this.options.catalog.getEntities(
      {
        filter: teamGroups
          ? { kind: 'User', 'relations.memberof': teamGroups }
          : { kind: 'User' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.memberOf',
        ],
      },
      { credentials },
    );
    const members = new Map<string, string[]>();
    for (const user of users.items) {
      const memberOf = user.spec?.memberOf;
      if (!Array.isArray(memberOf)) continue;
      for (const group of memberOf) {
        if (typeof group !== 'string') continue;
        const ref = normalizeRef(group, {
          defaultKind: 'group',
          defaultNamespace: user.metadata.namespace ?? 'default',
        });
        members.set(ref, [...(members.get(ref) ?? []), refOf(user)]);
      }
    }
    return members;
  }

  /** Every group and its members (the groups and the users read at once). */
  private async wholeDirectory(
    credentials: BackstageCredentials,
  ): Promise<Directory> {
    const [groups, members] = await Promise.all([
      this.hierarchy(credentials),
      this.members(undefined, credentials),
    ]);
    return { ...groups, members };
  }

  /**
   * The groups and their members. Every group's, read once for all the
   * callers who may read every entity (the groups and the users at once);
   * for another caller, the groups as they may read them and then the
   * members of the team's groups only.
   */
  private async readDirectory(
    teamRef: string | undefined,
    credentials: BackstageCredentials,
    all: boolean,
  ): Promise<Directory> {
    if (all) {
      return this.directory.get('', () => this.wholeDirectory(credentials));
    }
    const groups = await this.hierarchy(credentials);
    return {
      ...groups,
      members: await this.members(
        teamRef ? this.teamGroups(teamRef, groups.hierarchy) : undefined,
        credentials,
      ),
    };
  }

  /** The team's group and the groups below it; 404 for a group the catalog does not hold. */
  private teamGroups(teamRef: string, hierarchy: TeamHierarchy): string[] {
    if (!hierarchy.has(teamRef)) {
      throw new NotFoundError(`No group ${teamRef} in the catalog`);
    }
    return hierarchy.descendantsAndSelf(teamRef);
  }

  /**
   * Loads the snapshot of the organisation, or of a team and the groups
   * below it. The reads overlap as far as they can: the ML entities do not
   * wait for the groups and users, and the groups and users of a caller who
   * may read every entity are read at once, or not at all while kept. A
   * team's diagnostic reads its own group's entities, and what the catalog
   * and the stores hold about them, beside the groups; for a team without
   * groups below it (a leaf team) that is all it reads, and for another it
   * reads those of the team and the groups below it once the groups tell
   * which they are.
   */
  private async load(
    scope: { teamRef?: string },
    days: number,
    credentials: BackstageCredentials,
    now: Date,
    readable: Promise<'all' | Set<string>>,
  ): Promise<Loaded> {
    const { teamRef } = scope;
    const all = (await readable) === 'all';
    const loadScope = async (teamGroups: string[] | undefined) =>
      this.loadEntities(
        (await this.mlEntities(teamGroups, credentials, readable)).items,
        teamGroups,
        days,
        credentials,
        now,
        all,
      );
    const directoryRead = this.readDirectory(teamRef, credentials, all);
    const ownGroupRead = teamRef ? loadScope([teamRef]) : undefined;
    // Not awaited when the team has groups below it, or is not a group.
    ownGroupRead?.catch(() => undefined);
    const [{ hierarchy, groups, members }, loaded] = await Promise.all([
      directoryRead,
      teamRef
        ? directoryRead.then(({ hierarchy: tree }) => {
            const teamGroups = this.teamGroups(teamRef, tree);
            return teamGroups.length === 1
              ? ownGroupRead!
              : loadScope(teamGroups);
          })
        : loadScope(undefined),
    ]);
    return {
      snapshot: {
        ...loaded,
        groups: groups.map(g => ({
          ref: refOf(g),
          title: g.metadata.title ?? g.metadata.name,
          members: members.get(refOf(g)) ?? [],
        })),
      },
      hierarchy,
    };
  }

  /**
   * The datasets and components the models point to, in the order of
   * `refs` (null where the catalog has none). For callers who may read
   * every entity, those read within the last ORGANISATION_TTL_MS are not
   * read again: the catalog is asked, in one call, for the others.
   */
  private async pointedToEntities(
    refs: string[],
    credentials: BackstageCredentials,
    all: boolean,
  ): Promise<Array<Entity | null>> {
    if (!all) return this.readPointedTo(refs, credentials);
    const unread: string[] = [];
    let readUnread!: (items: Promise<Array<Entity | null>>) => void;
    const unreadItems = new Promise<Array<Entity | null>>(resolve => {
      readUnread = resolve;
    });
    const entities = refs.map(ref =>
      this.pointedTo.get(ref, () => {
        const i = unread.push(ref) - 1;
        return unreadItems.then(items => items[i]);
      }),
    );
    readUnread(this.readPointedTo(unread, credentials));
    return Promise.all(entities);
  }

  /** Datasets and components from the catalog, in the order of `refs` (null where it has none). */
  private async readPointedTo(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | null>> {
    if (!refs.length) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: POINTED_TO_FIELDS },
      { credentials },
    );
    return items.map(item => item ?? null);
  }

  /**
   * Reads again, for callers who may read every entity, what a diagnostic
   * used although read more than ORGANISATION_TTL_MS ago: the groups and
   * members in one go, the entities models point to in one call. Runs
   * after the request, so that it does not wait for it; a failed read
   * keeps what was read before, until CATALOG_STALE_MS.
   */
  async readStaleAgain(credentials: BackstageCredentials): Promise<void> {
    const reads: Array<Promise<unknown>> = [];
    if (this.directory.takeStale().length) {
      reads.push(this.directory.set('', this.wholeDirectory(credentials)));
    }
    const refs = this.pointedTo.takeStale();
    if (refs.length) {
      const items = this.readPointedTo(refs, credentials);
      items.catch(() => undefined);
      refs.forEach((ref, i) =>
        reads.push(
          this.pointedTo.set(
            ref,
            items.then(all => all[i]),
          ),
        ),
      );
    }
    await Promise.all(reads);
  }

  /**
   * The snapshot but its groups: the ML entities in scope (of the team's
   * groups, when given) and what the catalog and the other features'
   * stores hold about them.
   */
  private async loadEntities(
    items: Entity[],
    teamGroups: string[] | undefined,
    days: number,
    credentials: BackstageCredentials,
    now: Date,
    all: boolean,
  ): Promise<Omit<DiagnosticSnapshot, 'groups'>> {
    const { catalog } = this.options;
    // The owner the diagnostic counts is spec.owner (as the common package
    // reads it), which the catalog's ownedBy relation normally mirrors.
    const owners = teamGroups ? new Set(teamGroups) : undefined;
    const inScope = (entity: Parameters<typeof ownerOfMlopsEntity>[0]) =>
      !owners || owners.has(ownerOfMlopsEntity(entity) ?? '');
    const useCases = items.filter(isMLUseCaseEntity).filter(inScope);
    const models = items.filter(isMLModelEntity).filter(inScope);
    const monitors = items.filter(isMLMonitorEntity).filter(inScope);

    const pointedTo = [
      ...new Set(
        models.flatMap(m => [
          ...specRefsOf(m, 'dependsOn'),
          ...specRefsOf(m, 'servedBy'),
        ]),
      ),
    ];
    // The use cases of the models: their risk tiers add sign-offs to the
    // models' gates, also when they are out of the team's scope.
    const knownUseCases = new Map<string, Entity>(
      items.filter(isMLUseCaseEntity).map(u => [refOf(u), u]),
    );
    const otherUseCases = [
      ...new Set(
        models
          .map(modelUseCaseRef)
          .filter((ref): ref is string => !!ref && !knownUseCases.has(ref)),
      ),
    ];
    const useCaseRefs = useCases.map(refOf);
    const modelRefs = models.map(refOf);
    const monitorRefs = monitors.map(refOf);
    const allRefs = [...useCaseRefs, ...modelRefs, ...monitorRefs];
    const since = new Date(
      now.getTime() - Math.max(days, DEFAULT_DIAGNOSTIC_DAYS) * DAY,
    );
    const [
      others,
      pointed,
      scorecards,
      firstSeen,
      storedGateProgress,
      driftTransitions,
      kpis,
      productionChanges,
      modelsWithHistory,
      modelHistorySince,
      acceptanceFailures,
    ] = await Promise.all([
      otherUseCases.length
        ? catalog.getEntitiesByRefs(
            {
              entityRefs: otherUseCases,
              fields: ['kind', 'metadata', 'spec.risk'],
            },
            { credentials },
          )
        : { items: [] },
      this.pointedToEntities(pointedTo, credentials, all),
      this.options.inputs.scorecards(allRefs),
      this.options.inputs.firstSeen(useCaseRefs),
      this.options.gateProgress.current([...useCaseRefs, ...modelRefs]),
      this.options.inputs.driftTransitions(monitorRefs, since),
      this.options.value.currentKpis(useCases),
      this.options.models.productionChanges(modelRefs, since),
      this.options.models.withHistory(modelRefs),
      this.options.inputs.modelHistorySince(),
      // The delivery metrics look up only those of models that changed.
      this.options.inputs.acceptanceFailures(modelRefs, since),
    ]);
    others.items.forEach((useCase, i) => {
      if (useCase) knownUseCases.set(otherUseCases[i], useCase);
    });
    const riskTiers = new Map<string, RiskTier>();
    for (const entity of [...useCases, ...models]) {
      const tier = gateRiskTierOf(entity, ref => knownUseCases.get(ref));
      if (tier) riskTiers.set(refOf(entity), tier);
    }
    // Each entity's folded gate events where they hold for its facts and
    // sign-off as the caller reads them; the events of the others.
    const gateProgress = new Map<string, GateProgressSummary>();
    const unfolded: string[] = [];
    for (const entity of [...useCases, ...models]) {
      const ref = refOf(entity);
      const summary = storedGateProgress.get(ref);
      if (
        summary &&
        gateProgressSummaryHolds(
          summary,
          gateFactsVersionOf(entity),
          gateSignOffFor(this.options.signOff, riskTiers.get(ref)),
        )
      ) {
        gateProgress.set(ref, summary);
      } else {
        unfolded.push(ref);
      }
    }
    const gateEvents = unfolded.length
      ? await this.options.gates.getEvents(unfolded)
      : new Map();
    return {
      now,
      windowDays: days,
      useCases,
      models,
      monitors,
      catalogEntries: pointed.flatMap(entity => {
        if (!entity) return [];
        const owner = entity.spec?.owner;
        let ownerRef: string | undefined;
        try {
          ownerRef =
            typeof owner === 'string'
              ? normalizeRef(owner, {
                  defaultKind: 'group',
                  defaultNamespace: entity.metadata.namespace ?? 'default',
                })
              : undefined;
        } catch {
          ownerRef = undefined;
        }
        return [
          {
            ref: refOf(entity),
            ...(typeof entity.spec?.type === 'string'
              ? { type: entity.spec.type }
              : {}),
            ...(ownerRef ? { ownerRef } : {}),
          },
        ];
      }),
      scorecards,
      gateEvents,
      gateProgress,
      signOff: this.options.signOff,
      riskTiers,
      driftTransitions,
      kpiStatuses: new Map(
        [...kpis].map(([ref, values]) => [
          ref,
          values.map(k => ({ id: k.id, status: k.status })),
        ]),
      ),
      productionChanges,
      modelsWithHistory,
      ...(modelHistorySince ? { modelHistorySince } : {}),
      acceptanceFailures,
      firstSeen,
    };
  }

  /** The diagnostic of the organisation or a team with its trend, before the team's own answers. */
  private async compute(
    scope: { teamRef?: string },
    days: number,
    credentials: BackstageCredentials,
    access: Promise<'all' | Set<string>>,
  ) {
    const now = this.now();
    // The stored months were computed over every entity: shown only to a
    // caller who may read every entity.
    const [{ snapshot, hierarchy }, readable, stored] = await Promise.all([
      this.load(scope, days, credentials, now, access),
      access,
      this.options.store.snapshots(
        scope.teamRef ?? ORGANISATION_SCOPE,
        lastMonths(now)[0],
      ),
    ]);
    const result = diagnose(snapshot, this.options.diagnostic);
    const current =
      days === DEFAULT_DIAGNOSTIC_DAYS
        ? summariseDiagnostic(result)
        : summariseDiagnostic(
            diagnose(
              { ...snapshot, windowDays: DEFAULT_DIAGNOSTIC_DAYS },
              this.options.diagnostic,
            ),
          );
    return {
      trended: withTrend(
        result,
        readable === 'all' ? stored : new Map<string, DiagnosticMonthSummary>(),
        current,
        snapshot.now,
      ),
      hierarchy,
    };
  }

  /** The diagnostic of the organisation (no `teamRef`) or of a team and its sub-teams, over what the caller may read. */
  async getDiagnostic(
    query: { teamRef?: string; days?: number },
    credentials: BackstageCredentials,
  ): Promise<AdoptionDiagnostic> {
    const days = query.days ?? DEFAULT_DIAGNOSTIC_DAYS;
    if (!(DIAGNOSTIC_WINDOWS as readonly number[]).includes(days)) {
      throw new InputError(
        `days must be one of ${DIAGNOSTIC_WINDOWS.join(', ')}, not ${days}`,
      );
    }
    const teamRef = query.teamRef?.toLowerCase();
    const readable = this.options.access.readable([], credentials);
    try {
      return await this.diagnosticOf(teamRef, days, credentials, readable);
    } finally {
      // Only the reads of a caller who may read every entity are kept.
      if ((await readable.catch(() => undefined)) === 'all') {
        setImmediate(() => this.readStaleAgain(credentials));
      }
    }
  }

  private async diagnosticOf(
    teamRef: string | undefined,
    days: number,
    credentials: BackstageCredentials,
    readable: Promise<'all' | Set<string>>,
  ): Promise<AdoptionDiagnostic> {
    if (!teamRef) {
      const compute = async () =>
        (await this.compute({}, days, credentials, readable)).trended;
      return {
        scope: 'organisation',
        title: 'Organisation',
        // The same for every caller who may read every entity.
        ...(await ((await readable) === 'all'
          ? this.organisation.get(String(days), compute)
          : compute())),
      };
    }
    const [{ trended, hierarchy }, answers] = await Promise.all([
      this.compute({ teamRef }, days, credentials, readable),
      this.options.store.latestAnswers(teamRef),
    ]);
    const canAnswer = await this.mayAnswer(teamRef, hierarchy, credentials);
    return {
      scope: 'team',
      teamRef,
      title: hierarchy.title(teamRef),
      ...trended,
      questions: trended.questions.map(q => {
        const answer = answers.find(a => a.question === q.id);
        return answer ? { ...q, answer } : q;
      }),
      canAnswer,
    };
  }

  /** The resource the diagnostic rules judge: the team and the groups above it. */
  static resourceOf(
    teamRef: string,
    hierarchy: TeamHierarchy,
  ): TeamDiagnosticResource {
    const leadGroupRefs: string[] = [];
    for (
      let parent = hierarchy.parentOf(teamRef);
      parent && !leadGroupRefs.includes(parent) && parent !== teamRef;
      parent = hierarchy.parentOf(parent)
    ) {
      leadGroupRefs.push(parent);
    }
    return { teamRef, leadGroupRefs };
  }

  /** The team resource of a group, for the permission framework's `getResources`. */
  async teamResource(
    teamRef: string,
  ): Promise<TeamDiagnosticResource | undefined> {
    const { hierarchy } = await this.hierarchy(
      await this.options.auth.getOwnServiceCredentials(),
    );
    return hierarchy.has(teamRef)
      ? DiagnosticService.resourceOf(teamRef, hierarchy)
      : undefined;
  }

  private async mayAnswer(
    teamRef: string,
    hierarchy: TeamHierarchy,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) return false;
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlopsDiagnosticAnswerPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.options.applyConditions(
      decision,
      DiagnosticService.resourceOf(teamRef, hierarchy),
    );
  }

  /** Records a team's own answer to a question; 403 for a caller who may not answer for the team. */
  async recordAnswer(
    teamRef: string,
    request: DiagnosticAnswerRequest,
    credentials: BackstageCredentials,
  ): Promise<DiagnosticTeamAnswers> {
    const team = teamRef.toLowerCase();
    if (!DIAGNOSTIC_QUESTIONS.some(q => q.id === request.question)) {
      throw new InputError(
        `question "${
          request.question
        }" is not one of ${DIAGNOSTIC_QUESTIONS.map(q => q.id).join(', ')}`,
      );
    }
    if (!ANSWERS.includes(request.answer)) {
      throw new InputError(
        `answer "${request.answer}" must be one of ${ANSWERS.join(', ')}`,
      );
    }
    const { hierarchy } = await this.hierarchy(credentials);
    if (!hierarchy.has(team)) {
      throw new NotFoundError(`No group ${team} in the catalog`);
    }
    if (!(await this.mayAnswer(team, hierarchy, credentials))) {
      throw new NotAllowedError(
        `Answering for ${team} needs the mlops.diagnostic.answer permission: the members of the team's group and of the groups above it have it`,
      );
    }
    const comment = request.comment?.trim();
    await this.options.store.addAnswer(
      {
        teamRef: team,
        question: request.question,
        answer: request.answer,
        ...(comment ? { comment } : {}),
        answeredBy: principalOf(credentials),
      },
      this.now(),
    );
    return {
      teamRef: team,
      answers: await this.options.store.latestAnswers(team),
    };
  }

  /**
   * Stores this month's summary of the organisation and of every group
   * whose hierarchy owns an ML entity, computed over every entity at the
   * default window: the scheduled task's work. Returns how many it stored.
   */
  async writeMonthlySnapshots(): Promise<number> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { snapshot, hierarchy } = await this.load(
      {},
      DEFAULT_DIAGNOSTIC_DAYS,
      credentials,
      this.now(),
      this.options.access.readable([], credentials),
    );
    const month = monthOf(snapshot.now);
    const save = (scope: string, part: DiagnosticSnapshot) =>
      this.options.store.saveSnapshot(
        scope,
        month,
        summariseDiagnostic(diagnose(part, this.options.diagnostic)),
        snapshot.now,
      );
    await save(ORGANISATION_SCOPE, snapshot);
    let stored = 1;
    const owners = new Set(
      [...snapshot.useCases, ...snapshot.models, ...snapshot.monitors].map(
        e => ownerOfMlopsEntity(e) ?? '',
      ),
    );
    for (const group of hierarchy.groups()) {
      const below = new Set(hierarchy.descendantsAndSelf(group));
      if (![...below].some(g => owners.has(g))) continue;
      await save(group, restrict(snapshot, below));
      stored += 1;
    }
    this.organisation.clear();
    return stored;
  }
}
