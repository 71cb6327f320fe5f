import { FRAMEWORK_STAGES, FrameworkStageId } from '../framework/stages';
import { modelCardCompleteness } from '../kinds/modelCard';
import { gateSignOffFor } from '../gates/signOff';
import { blocksLevel, CheckOutcome } from '../checks/outcomes';
import type { MlopsEntity } from '../kinds/types';
import {
  gateProgressFrom,
  GateProgress,
  gateProgressSummaryOf,
} from './gateProgress';
import type { GatedKind } from '../gates/definitions';
import { gateFactsVersionOf } from '../gates/facts';
import type { Measurement } from './measure';
import type { DiagnosticQuestionId } from '../api/diagnostic';
import {
  DiagnosticSnapshot,
  diagnosticRefOf,
  ownerOfMlopsEntity,
} from './snapshot';
import { specRefsView } from './entityRefs';
import { DAY_MS, median, percentile, round1, share } from './stats';

/** The snapshot indexed once for the formulas. @public */
export type DiagnosticContext = {
  snapshot: DiagnosticSnapshot;
  windowStart: Date;
  gateWaitingDays: number;
  /** Gate progress of each use case and model, by reference. */
  progress: Map<string, GateProgress>;
  /** Owner of each ML entity, by reference. */
  owners: Map<string, string | undefined>;
  /** The models of each use case (in scope). */
  modelsOfUseCase: Map<string, string[]>;
  /** The monitors of each model (in scope). */
  monitorsOfModel: Map<string, string[]>;
  /** Level of each scored entity. */
  levels: Map<string, number>;
  /** Check outcomes of each scored entity, by check id. */
  outcomes: Map<string, ReadonlyMap<string, CheckOutcome>>;
  /** The teams: owner groups of ML entities in scope, with their entities. */
  teams: Map<string, string[]>;
};

// A stored scorecard's results, read again by the next request as the same
// object (the backend parses each version once), are indexed once.
const indexedOutcomes = new WeakMap<
  DiagnosticSnapshot['scorecards'][number]['results'],
  ReadonlyMap<string, CheckOutcome>
>();
function outcomesOf(
  results: DiagnosticSnapshot['scorecards'][number]['results'],
): ReadonlyMap<string, CheckOutcome> {
  let map = indexedOutcomes.get(results);
  if (!map) {
    map = new Map(results.map(r => [r.checkId, r.outcome]));
    indexedOutcomes.set(results, map);
  }
  return map;
}

/** Indexes a snapshot: gate progress, owners, links and teams, each computed once. */
export function diagnosticContext(
  snapshot: DiagnosticSnapshot,
  options: { gateWaitingDays: number },
): DiagnosticContext {
  const outcomes = new Map<string, ReadonlyMap<string, CheckOutcome>>();
  const levels = new Map<string, number>();
  const inScope = new Set(
    [...snapshot.useCases, ...snapshot.models, ...snapshot.monitors].map(
      diagnosticRefOf,
    ),
  );
  for (const scorecard of snapshot.scorecards) {
    if (!inScope.has(scorecard.entityRef)) continue;
    levels.set(scorecard.entityRef, scorecard.level);
    outcomes.set(scorecard.entityRef, outcomesOf(scorecard.results));
  }
  const progress = new Map<string, GateProgress>();
  const noOutcomes = new Map<string, CheckOutcome>();
  for (const entity of [...snapshot.useCases, ...snapshot.models]) {
    const ref = diagnosticRefOf(entity);
    const summary =
      snapshot.gateProgress?.get(ref) ??
      gateProgressSummaryOf(
        snapshot.gateEvents.get(ref) ?? [],
        gateFactsVersionOf(entity),
        gateSignOffFor(snapshot.signOff, snapshot.riskTiers.get(ref)),
      );
    progress.set(
      ref,
      gateProgressFrom(
        ref,
        entity.kind as GatedKind,
        summary,
        outcomes.get(ref) ?? noOutcomes,
      ),
    );
  }
  const owners = new Map<string, string | undefined>();
  const teams = new Map<string, string[]>();
  const all: MlopsEntity[] = [
    ...snapshot.useCases,
    ...snapshot.models,
    ...snapshot.monitors,
  ];
  for (const entity of all) {
    const ref = diagnosticRefOf(entity);
    const owner = ownerOfMlopsEntity(entity);
    owners.set(ref, owner);
    if (owner?.startsWith('group:')) {
      const list = teams.get(owner) ?? [];
      list.push(ref);
      teams.set(owner, list);
    }
  }
  const modelsOfUseCase = new Map<string, string[]>();
  for (const model of snapshot.models) {
    for (const useCase of specRefsView(model, 'useCase')) {
      const list = modelsOfUseCase.get(useCase) ?? [];
      list.push(diagnosticRefOf(model));
      modelsOfUseCase.set(useCase, list);
    }
  }
  const monitorsOfModel = new Map<string, string[]>();
  for (const monitor of snapshot.monitors) {
    for (const model of specRefsView(monitor, 'model')) {
      const list = monitorsOfModel.get(model) ?? [];
      list.push(diagnosticRefOf(monitor));
      monitorsOfModel.set(model, list);
    }
  }
  return {
    snapshot,
    windowStart: new Date(
      snapshot.now.getTime() - snapshot.windowDays * DAY_MS,
    ),
    gateWaitingDays: options.gateWaitingDays,
    progress,
    owners,
    modelsOfUseCase,
    monitorsOfModel,
    levels,
    outcomes,
    teams,
  };
}

const unknown = (missing: string): Measurement => ({ missing, evidence: [] });
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;
const inWindow = (ctx: DiagnosticContext, at: Date) =>
  at > ctx.windowStart && at <= ctx.snapshot.now;
const isProduction = (entity: { spec: { lifecycle?: string } }) =>
  entity.spec.lifecycle === 'production';

function q1(ctx: DiagnosticContext): Record<string, Measurement> {
  const { models, useCases } = ctx.snapshot;
  const out: Record<string, Measurement> = {};
  const modelRefs = models.map(diagnosticRefOf);
  const anyDecision = [...modelRefs, ...useCases.map(diagnosticRefOf)].some(
    ref => ctx.progress.get(ref)!.firstEventAt,
  );
  if (!models.length) {
    out['q1.production-share'] = unknown('no MLModel in scope');
  } else if (!anyDecision) {
    out['q1.production-share'] = unknown(
      'no stage-gate event recorded for any use case or model in scope',
    );
  } else {
    const inProduction = models
      .filter(
        m => isProduction(m) && ctx.progress.get(diagnosticRefOf(m))!.complete,
      )
      .map(diagnosticRefOf);
    const set = new Set(inProduction);
    out['q1.production-share'] = {
      value: share(inProduction.length, models.length),
      evidence: [
        { label: 'Models in production', entityRefs: inProduction },
        {
          label: 'Models not in production',
          entityRefs: modelRefs.filter(r => !set.has(r)),
        },
      ],
    };
  }
  const progress = [...ctx.progress.values()];
  const started = progress.filter(p => p.approvedAt.strategy);
  const complete = started.filter(p => p.complete);
  out['q1.funnel-conversion'] = started.length
    ? {
        value: share(complete.length, started.length),
        evidence: [
          {
            label: 'Through all three gates',
            entityRefs: complete.map(p => p.entityRef),
          },
          {
            label: 'Past stage 1, not yet through stage 3',
            entityRefs: started.filter(p => !p.complete).map(p => p.entityRef),
          },
        ],
      }
    : unknown('no use case or model in scope has an approved stage-1 gate');
  FRAMEWORK_STAGES.forEach((stage, i) => {
    const spent: number[] = [];
    const refs: string[] = [];
    for (const p of progress) {
      const start =
        i === 0 ? p.firstEventAt : p.approvedAt[FRAMEWORK_STAGES[i - 1].id];
      if (!start) continue;
      const end = p.approvedAt[stage.id] ?? ctx.snapshot.now;
      spent.push(days(start, end));
      refs.push(p.entityRef);
    }
    const value = median(spent);
    out[`q1.median-days-${stage.id}`] =
      value === undefined
        ? unknown(`no use case or model in scope reached stage ${stage.number}`)
        : {
            value: round1(value),
            evidence: [
              { label: `Reached stage ${stage.number}`, entityRefs: refs },
            ],
          };
  });
  return out;
}

function q2(ctx: DiagnosticContext): Record<string, Measurement> {
  const { useCases, kpiStatuses, now } = ctx.snapshot;
  const out: Record<string, Measurement> = {};
  const sponsorless = useCases
    .filter(u => !u.spec.sponsor)
    .map(diagnosticRefOf);
  out['q2.use-cases-without-sponsor'] = useCases.length
    ? {
        value: share(sponsorless.length, useCases.length),
        evidence: [
          { label: 'Use cases without a sponsor', entityRefs: sponsorless },
        ],
      }
    : unknown('no MLUseCase in scope');

  // Sponsor sign-off latency: sponsor decisions in the window.
  const latencies: number[] = [];
  const decided: string[] = [];
  const waiting: string[] = [];
  const ready: string[] = [];
  for (const p of ctx.progress.values()) {
    FRAMEWORK_STAGES.forEach((stage, i) => {
      const trail = p.trails[stage.id];
      const previous = i > 0 ? FRAMEWORK_STAGES[i - 1].id : undefined;
      for (const decision of trail.decisions) {
        if (decision.role !== 'sponsor') continue;
        const at = new Date(decision.at);
        if (!inWindow(ctx, at)) continue;
        const opened = readySince(p, stage.id, previous, at);
        if (!opened) continue;
        latencies.push(days(opened, at));
        decided.push(p.entityRef);
      }
    });
    if (p.open?.state === 'ready-for-review') {
      const i = FRAMEWORK_STAGES.findIndex(s => s.id === p.open!.stage);
      const since = readySince(
        p,
        p.open.stage,
        i > 0 ? FRAMEWORK_STAGES[i - 1].id : undefined,
        now,
      );
      ready.push(p.entityRef);
      if (since && days(since, now) > ctx.gateWaitingDays)
        waiting.push(p.entityRef);
    }
  }
  const med = median(latencies);
  const p90 = percentile(latencies, 90);
  const noLatency =
    'no sponsor decision with a measurable ready-for-review time in the window';
  out['q2.sign-off-latency-median'] =
    med === undefined
      ? unknown(noLatency)
      : {
          value: round1(med),
          evidence: [
            {
              label: 'Decided by their sponsor in the window',
              entityRefs: decided,
            },
          ],
        };
  out['q2.sign-off-latency-p90'] =
    p90 === undefined
      ? unknown(noLatency)
      : {
          value: round1(p90),
          evidence: [
            {
              label: 'Decided by their sponsor in the window',
              entityRefs: decided,
            },
          ],
        };
  out['q2.gates-waiting'] = ready.length
    ? {
        value: share(waiting.length, ready.length),
        evidence: [
          {
            label: `Waiting longer than ${ctx.gateWaitingDays} days`,
            entityRefs: waiting,
          },
          { label: 'Ready for review', entityRefs: ready },
        ],
      }
    : unknown('no gate in scope is ready for review');

  const production = useCases.filter(isProduction).map(diagnosticRefOf);
  let withActual = 0;
  const overdue: string[] = [];
  for (const ref of production) {
    for (const kpi of kpiStatuses.get(ref) ?? []) {
      if (kpi.status === 'no-data') continue;
      withActual += 1;
      if (kpi.status === 'overdue') overdue.push(ref);
    }
  }
  out['q2.overdue-kpi-check-ins'] = withActual
    ? {
        value: share(overdue.length, withActual),
        evidence: [
          { label: 'Use cases with an overdue check-in', entityRefs: overdue },
        ],
      }
    : unknown('no KPI of a production use case has an actual');
  return out;
}

/**
 * When a gate became ready for review, as far as the audit trail tells: the
 * latest, before `before`, of the previous gate's approval and the gate's
 * attestations and invalidations; failing those, the gate's first event.
 */
function readySince(
  p: GateProgress,
  stage: FrameworkStageId,
  previous: FrameworkStageId | undefined,
  before: Date,
): Date | undefined {
  const trail = p.trails[stage];
  const limit = before.getTime();
  let latest = -Infinity;
  const consider = (at: number) => {
    if (at < limit && at > latest) latest = at;
  };
  const previousApproval = previous ? p.approvedAt[previous] : undefined;
  if (previousApproval) consider(previousApproval.getTime());
  Object.values(trail.attestations).forEach(consider);
  trail.invalidatedAt.forEach(consider);
  if (latest > -Infinity) return new Date(latest);
  const first = trail.decisions.find(d => d.at < limit);
  return first ? new Date(first.at) : undefined;
}

function q3(ctx: DiagnosticContext): Record<string, Measurement> {
  const { models, catalogEntries } = ctx.snapshot;
  const entries = new Map(catalogEntries.map(e => [e.ref, e]));
  const frameworks = new Map<string, string[]>();
  const registries = new Map<string, string[]>();
  const stacks = new Map<string, string[]>();
  const frameworksOfTeam = new Map<string, Set<string>>();
  const add = (map: Map<string, string[]>, key: string, ref: string) => {
    const list = map.get(key) ?? [];
    list.push(ref);
    map.set(key, list);
  };
  for (const model of models) {
    const ref = diagnosticRefOf(model);
    const framework = model.spec.framework?.trim().toLowerCase();
    if (framework) {
      add(frameworks, framework, ref);
      const owner = ctx.owners.get(ref);
      if (owner) {
        const set = frameworksOfTeam.get(owner) ?? new Set();
        set.add(framework);
        frameworksOfTeam.set(owner, set);
      }
    }
    const registry = model.spec.registry?.type?.trim().toLowerCase();
    if (registry) add(registries, registry, ref);
    for (const component of specRefsView(model, 'servedBy')) {
      const type = entries.get(component)?.type?.trim().toLowerCase();
      if (type) add(stacks, type, ref);
    }
  }
  if (!frameworks.size && !registries.size && !stacks.size) {
    const missing =
      'no model in scope declares spec.framework, spec.registry or a serving component in the catalog';
    return {
      'q3.frameworks': unknown(missing),
      'q3.registries': unknown(missing),
      'q3.serving-stacks': unknown(missing),
      'q3.overlapping-capabilities': unknown(missing),
      'q3.teams-with-several-frameworks': unknown(missing),
    };
  }
  const tools = (map: Map<string, string[]>, what: string): Measurement =>
    map.size
      ? {
          value: map.size,
          evidence: [...map].map(([tool, refs]) => ({
            label: tool,
            entityRefs: refs,
          })),
        }
      : unknown(`no model in scope declares its ${what}`);
  const overlapping = [
    ['Model frameworks', frameworks],
    ['Model registries', registries],
    ['Serving stacks', stacks],
  ] as const;
  const several = [...frameworksOfTeam].filter(([, set]) => set.size > 1);
  return {
    'q3.frameworks': tools(frameworks, 'spec.framework'),
    'q3.registries': tools(registries, 'spec.registry'),
    'q3.serving-stacks': tools(
      stacks,
      'serving component (spec.servedBy) in the catalog',
    ),
    'q3.overlapping-capabilities': {
      value: overlapping.filter(([, map]) => map.size > 1).length,
      evidence: overlapping
        .filter(([, map]) => map.size > 1)
        .map(([label, map]) => ({
          label,
          entityRefs: [...map.values()].flat(),
        })),
    },
    'q3.teams-with-several-frameworks': frameworksOfTeam.size
      ? {
          value: share(several.length, frameworksOfTeam.size),
          evidence: [
            {
              label: 'Teams using several frameworks',
              entityRefs: several.map(([team]) => team),
            },
          ],
        }
      : unknown('no model with a declared framework has a known owner'),
  };
}

function q4(ctx: DiagnosticContext): Record<string, Measurement> {
  const { models, monitors, catalogEntries, driftTransitions } = ctx.snapshot;
  const entries = new Map(catalogEntries.map(e => [e.ref, e]));
  const out: Record<string, Measurement> = {};
  const without: string[] = [];
  const datasets = new Map<string, string[]>();
  for (const model of models) {
    const ref = diagnosticRefOf(model);
    const declared = specRefsView(model, 'dependsOn').filter(r =>
      r.startsWith('resource:'),
    );
    if (!declared.length) without.push(ref);
    for (const dataset of declared) {
      const list = datasets.get(dataset) ?? [];
      list.push(ref);
      datasets.set(dataset, list);
    }
  }
  out['q4.models-without-datasets'] = models.length
    ? {
        value: share(without.length, models.length),
        evidence: [
          { label: 'Models without declared datasets', entityRefs: without },
        ],
      }
    : unknown('no MLModel in scope');
  const missing = [...datasets.keys()].filter(r => !entries.has(r));
  const unowned = [...datasets.keys()].filter(
    r => entries.has(r) && !entries.get(r)!.ownerRef,
  );
  out['q4.datasets-unknown-or-unowned'] = datasets.size
    ? {
        value: share(missing.length + unowned.length, datasets.size),
        evidence: [
          { label: 'Datasets not in the catalog', entityRefs: missing },
          { label: 'Datasets without owner', entityRefs: unowned },
          {
            label: 'Models depending on them',
            entityRefs: [...missing, ...unowned].flatMap(d => datasets.get(d)!),
          },
        ],
      }
    : unknown(
        'no model in scope declares a dataset (a Resource in spec.dependsOn)',
      );
  const monitorRefs = new Set(monitors.map(diagnosticRefOf));
  const dataDrift = new Set(
    monitors.filter(m => m.spec.type === 'data-drift').map(diagnosticRefOf),
  );
  const stale = new Set<string>();
  const alerted = new Set<string>();
  for (const t of driftTransitions) {
    if (!monitorRefs.has(t.monitorRef) || !inWindow(ctx, t.at)) continue;
    if (t.to === 'stale') stale.add(t.monitorRef);
    if (t.to === 'alert' && dataDrift.has(t.monitorRef))
      alerted.add(t.monitorRef);
  }
  out['q4.monitors-stale'] = monitorRefs.size
    ? {
        value: share(stale.size, monitorRefs.size),
        evidence: [{ label: 'Monitors that went stale', entityRefs: stale }],
      }
    : unknown('no MLMonitor in scope');
  out['q4.input-drift-alerts'] = dataDrift.size
    ? {
        value: share(alerted.size, dataDrift.size),
        evidence: [
          { label: 'Data-drift monitors that alerted', entityRefs: alerted },
        ],
      }
    : unknown('no data-drift MLMonitor in scope');
  return out;
}

function q5(ctx: DiagnosticContext): Record<string, Measurement> {
  const { useCases, kpiStatuses } = ctx.snapshot;
  const production = useCases.filter(isProduction).map(diagnosticRefOf);
  if (!production.length) {
    const missing = 'no MLUseCase in scope is in production';
    return {
      'q5.kpis-off-track': unknown(missing),
      'q5.kpis-at-risk': unknown(missing),
      'q5.kpis-on-track': unknown(missing),
      'q5.use-cases-without-actuals': unknown(missing),
    };
  }
  const byStatus = new Map<string, string[]>();
  let withActual = 0;
  const without: string[] = [];
  for (const ref of production) {
    const kpis = (kpiStatuses.get(ref) ?? []).filter(
      k => k.status !== 'no-data',
    );
    if (!kpis.length) without.push(ref);
    for (const kpi of kpis) {
      withActual += 1;
      const list = byStatus.get(kpi.status) ?? [];
      list.push(ref);
      byStatus.set(kpi.status, list);
    }
  }
  const status = (s: string, label: string): Measurement =>
    withActual
      ? {
          value: share(byStatus.get(s)?.length ?? 0, withActual),
          evidence: [{ label, entityRefs: byStatus.get(s) ?? [] }],
        }
      : unknown(
          `KPI actuals: none of the ${production.length} production use cases has reported one`,
        );
  return {
    'q5.kpis-off-track': status('off-track', 'Use cases with a KPI off track'),
    'q5.kpis-at-risk': status('at-risk', 'Use cases with a KPI at risk'),
    'q5.kpis-on-track': status('on-track', 'Use cases with a KPI on track'),
    'q5.use-cases-without-actuals': {
      value: share(without.length, production.length),
      evidence: [
        {
          label: 'Production use cases without KPI actuals',
          entityRefs: without,
        },
      ],
    },
  };
}

/** Each team's median level, over teams with a scored entity. */
function teamLevels(ctx: DiagnosticContext): Map<string, number> {
  const levels = new Map<string, number>();
  for (const [team, refs] of ctx.teams) {
    const scored = refs
      .filter(r => ctx.levels.has(r))
      .map(r => ctx.levels.get(r)!);
    const value = median(scored);
    if (value !== undefined) levels.set(team, value);
  }
  return levels;
}

function q6(ctx: DiagnosticContext): Record<string, Measurement> {
  if (!ctx.levels.size) {
    const missing =
      'no stored maturity scorecard for the entities in scope (the scheduled evaluation has not run)';
    return {
      'q6.median-level': unknown(missing),
      'q6.level-spread': unknown(missing),
      'q6.organisation-weaknesses': unknown(missing),
      'q6.organisation-strengths': unknown(missing),
    };
  }
  const out: Record<string, Measurement> = {};
  const byLevel = new Map<number, string[]>();
  for (const [ref, level] of ctx.levels) {
    const list = byLevel.get(level) ?? [];
    list.push(ref);
    byLevel.set(level, list);
  }
  out['q6.median-level'] = {
    value: median([...ctx.levels.values()]),
    evidence: [...byLevel]
      .sort(([a], [b]) => a - b)
      .map(([level, refs]) => ({ label: `Level ${level}`, entityRefs: refs })),
  };
  const levels = teamLevels(ctx);
  if (levels.size < 2) {
    out['q6.level-spread'] = unknown('needs scorecards of at least two teams');
  } else {
    const max = Math.max(...levels.values());
    const min = Math.min(...levels.values());
    out['q6.level-spread'] = {
      value: max - min,
      evidence: [
        {
          label: 'Strongest teams',
          entityRefs: [...levels].filter(([, l]) => l === max).map(([t]) => t),
        },
        {
          label: 'Weakest teams',
          entityRefs: [...levels].filter(([, l]) => l === min).map(([t]) => t),
        },
      ],
    };
  }
  // Per check: the teams where it applies, and those where it fails.
  const applies = new Map<string, Set<string>>();
  const fails = new Map<string, Set<string>>();
  const failing = new Map<string, string[]>();
  for (const [team, refs] of ctx.teams) {
    for (const ref of refs) {
      for (const [checkId, outcome] of ctx.outcomes.get(ref) ?? []) {
        if (outcome === 'not-applicable') continue;
        if (!applies.has(checkId)) applies.set(checkId, new Set());
        applies.get(checkId)!.add(team);
        if (blocksLevel(outcome)) {
          if (!fails.has(checkId)) fails.set(checkId, new Set());
          fails.get(checkId)!.add(team);
          const list = failing.get(checkId) ?? [];
          list.push(ref);
          failing.set(checkId, list);
        }
      }
    }
  }
  const weaknesses = [...applies]
    .filter(
      ([checkId, teams]) => (fails.get(checkId)?.size ?? 0) > teams.size / 2,
    )
    .map(([checkId]) => checkId)
    .sort();
  const strengths = [...applies.keys()].filter(c => !fails.has(c)).sort();
  out['q6.organisation-weaknesses'] = applies.size
    ? {
        value: weaknesses.length,
        evidence: weaknesses.map(checkId => ({
          label: checkId,
          entityRefs: failing.get(checkId)!,
        })),
      }
    : unknown('no check applies to an entity owned by a team');
  out['q6.organisation-strengths'] = applies.size
    ? {
        value: strengths.length,
        evidence: strengths.map(checkId => ({
          label: checkId,
          entityRefs: [],
        })),
      }
    : unknown('no check applies to an entity owned by a team');
  return out;
}

function q7(ctx: DiagnosticContext): Record<string, Measurement> {
  const { models, groups } = ctx.snapshot;
  const out: Record<string, Measurement> = {};
  const members = new Map(groups.map(g => [g.ref, g.members.length]));
  const single: string[] = [];
  let known = 0;
  for (const model of models) {
    const ref = diagnosticRefOf(model);
    const owner = ctx.owners.get(ref);
    if (owner?.startsWith('user:')) {
      known += 1;
      single.push(ref);
    } else if (owner && members.has(owner)) {
      known += 1;
      if (members.get(owner)! <= 1) single.push(ref);
    }
  }
  out['q7.bus-factor'] = known
    ? {
        value: share(single.length, known),
        evidence: [{ label: 'Models owned by one person', entityRefs: single }],
      }
    : unknown('no model in scope has an owner known in the catalog');
  if (models.length) {
    const shares = models.map(m => {
      const c = modelCardCompleteness(m);
      return c.documented.length / c.total;
    });
    const incomplete = models
      .filter((_, i) => shares[i] < 1)
      .map(diagnosticRefOf);
    out['q7.model-card-completeness'] = {
      value:
        Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 1000) /
        1000,
      evidence: [
        {
          label: 'Models with an incomplete model card',
          entityRefs: incomplete,
        },
      ],
    };
  } else {
    out['q7.model-card-completeness'] = unknown('no MLModel in scope');
  }
  const production = models.filter(isProduction).map(diagnosticRefOf);
  const attested = production.filter(
    ref =>
      ctx.progress.get(ref)!.trails.operationalisation.attestations[
        'operationalisation.knowledge-transfer'
      ] !== undefined,
  );
  const attestedSet = new Set(attested);
  out['q7.knowledge-transfer-attested'] = production.length
    ? {
        value: share(attested.length, production.length),
        evidence: [
          { label: 'Knowledge transfer attested', entityRefs: attested },
          {
            label: 'Not attested',
            entityRefs: production.filter(r => !attestedSet.has(r)),
          },
        ],
      }
    : unknown('no MLModel in scope is in production');
  const levels = teamLevels(ctx);
  if (levels.size < 2) {
    out['q7.teams-behind'] = unknown('needs scorecards of at least two teams');
  } else {
    const best = Math.max(...levels.values());
    const behind = [...levels].filter(([, l]) => l <= best - 2).map(([t]) => t);
    out['q7.teams-behind'] = {
      value: share(behind.length, levels.size),
      evidence: [
        { label: 'Teams two or more levels behind', entityRefs: behind },
      ],
    };
  }
  return out;
}

/** The measurements of each question's indicators, by question. */
export const QUESTION_MEASURES: Readonly<
  Record<
    DiagnosticQuestionId,
    (ctx: DiagnosticContext) => Record<string, Measurement>
  >
> = { q1, q2, q3, q4, q5, q6, q7 };
