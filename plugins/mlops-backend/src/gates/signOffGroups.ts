import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  GateSignOffRules,
  SignOffRequirement,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * The groups `mlops.gates` names as sign-offs, for every entity or by risk
 * tier, lower case, each once.
 */
export function configuredSignOffGroups(rules: GateSignOffRules): string[] {
  const lists: (readonly SignOffRequirement[] | undefined)[] = [
    ...Object.values(rules.stages),
    ...Object.values(rules.byRiskTier ?? {}).flatMap(added =>
      Object.values(added ?? {}),
    ),
  ];
  const groups = lists.flatMap(requirements =>
    (requirements ?? []).flatMap(r => (r.type === 'group' ? [r.ref] : [])),
  );
  return [...new Set(groups)];
}

/** How long a read of the configured groups is reused by the gate views. */
const MAX_AGE_MS = 60_000;

/**
 * The configured sign-off groups that are not in the catalog: nobody can
 * sign for them, since nobody is a member of a group that does not exist.
 * The gate views flag them (`unresolved` on the sign-off), reading the
 * catalog at most once a minute; {@link SignOffGroups.report}, called with
 * every scorecard refresh, logs a warning naming each missing group when it
 * goes missing (at the first refresh that finds ML entities, once the
 * catalog can be read), and an info line when it appears.
 */
export class SignOffGroups {
  private readonly groups: string[];
  private cached?: { at: number; missing: Promise<ReadonlySet<string>> };
  private reported?: ReadonlySet<string>;

  constructor(
    private readonly options: {
      signOff: GateSignOffRules;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {
    this.groups = configuredSignOffGroups(options.signOff);
  }

  private now() {
    return this.options.clock?.() ?? Date.now();
  }

  private async read(): Promise<ReadonlySet<string>> {
    if (this.groups.length === 0) return new Set();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: this.groups, fields: ['kind', 'metadata'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return new Set(this.groups.filter((_, i) => !items[i]));
  }

  private fresh(): Promise<ReadonlySet<string>> {
    const missing = this.read();
    this.cached = { at: this.now(), missing };
    // A failed read is not kept: the next view reads again.
    missing.catch(() => {
      if (this.cached?.missing === missing) this.cached = undefined;
    });
    return missing;
  }

  /**
   * The configured groups missing from the catalog, as recently read. A
   * failed read flags nothing: the views are not held up by it.
   */
  async missing(): Promise<ReadonlySet<string>> {
    return this.recent().catch(() => new Set<string>());
  }

  private recent(): Promise<ReadonlySet<string>> {
    const cached = this.cached;
    return cached && this.now() - cached.at < MAX_AGE_MS
      ? cached.missing
      : this.fresh();
  }

  /**
   * Logs the groups that went missing from the catalog (a warning each) or
   * appeared in it since the last report, reading it at most once a minute.
   */
  async report(): Promise<void> {
    let missing: ReadonlySet<string>;
    try {
      missing = await this.recent();
    } catch (error) {
      this.options.logger.warn(
        `Could not check that the stage-gate sign-off groups are in the catalog: ${error}`,
      );
      return;
    }
    const before = this.reported ?? new Set<string>();
    for (const group of missing) {
      if (before.has(group)) continue;
      this.options.logger.warn(
        `No group ${group} in the catalog: nobody can sign off the stage gates that need it. ` +
          `Name a group that exists in mlops.gates (operationsGroup, signOff or signOffByRiskTier), or add the group to the catalog.`,
      );
    }
    for (const group of before) {
      if (!missing.has(group)) {
        this.options.logger.info(
          `The stage-gate sign-off group ${group} is in the catalog now`,
        );
      }
    }
    this.reported = missing;
  }
}
