import { useCase } from '../__testUtils__/entities';
import { defaultGateSignOff } from './definitions';
import type { GateEvent } from './events';
import {
  entityGatesView,
  EntityGatesInput,
  GateCheckResult,
  GatedEntityDescription,
  signOffLabel,
  signOffSigners,
} from './view';
import { attestation, decision, trail, versionOf } from './__testUtils__/trail';

const sponsor = 'user:default/maria-silva';
const owner = 'user:default/ana-kovac';
const team = 'group:default/retention-analytics';
const operations = 'group:default/platform-operations';
const now = new Date('2026-12-01T12:00:00Z');

const entity: GatedEntityDescription = {
  entityRef: 'mlusecase:default/churn-prevention',
  kind: 'MLUseCase',
  sponsorRef: sponsor,
  ownerRef: team,
  ...versionOf(useCase()),
};

const passed = (reason = 'Passed.'): GateCheckResult => ({
  outcome: 'passed',
  reason,
});
/** Every check of the use case's strategy gate passes. */
const checkResults = new Map<string, GateCheckResult>([
  ['use-case.business-drivers-measurable', passed()],
  ['use-case.acceptance-criteria-defined', passed()],
  ['use-case.explainability-planned', passed()],
  ['use-case.governance-reviewed', passed()],
  ['use-case.risk-assessed', passed()],
]);

function view(events: GateEvent[], input: Partial<EntityGatesInput> = {}) {
  return entityGatesView({
    entity,
    signOff: { stages: defaultGateSignOff(operations) },
    checkResults,
    events,
    now,
    ...input,
  });
}

const theOwner = { claims: [owner, team], mayDecide: () => true };

/** The strategy gate attested, then approved by sponsor and owner. */
function approvedStrategy() {
  const t = trail(entity.entityRef);
  t.record(
    'strategy',
    '2026-11-01T09:00:00Z',
    attestation(entity, 'strategy.operational-requirements', owner),
  );
  t.record(
    'strategy',
    '2026-11-02T10:00:00Z',
    decision(entity, 'sponsor', sponsor),
  );
  t.record(
    'strategy',
    '2026-11-03T11:00:00Z',
    decision(entity, 'owner', owner),
  );
  return t;
}

describe('signOffSigners and signOffLabel', () => {
  it('resolve the sponsor, the owner and a group', () => {
    expect(signOffSigners(entity, { type: 'sponsor' })).toEqual([sponsor]);
    expect(signOffSigners(entity, { type: 'owner' })).toEqual([team]);
    expect(signOffSigners({}, { type: 'sponsor' })).toEqual([]);
    expect(signOffSigners(entity, { type: 'group', ref: operations })).toEqual([
      operations,
    ]);
    expect(signOffLabel({ type: 'group', ref: operations })).toBe(
      'platform-operations',
    );
  });
});

describe('entityGatesView', () => {
  it('shows a gate with no events: checked criteria from the check results, the attested one unmet', () => {
    const gates = view([]);
    expect(gates).toMatchObject({
      entityRef: entity.entityRef,
      currentStage: 'strategy',
      complete: false,
      entityHash: entity.hash,
    });
    const [strategy] = gates.stages;
    expect(strategy).toMatchObject({ state: 'not-started', revision: 0 });
    expect(strategy.criteria.map(c => [c.id, c.source, c.met])).toEqual([
      ['strategy.business-vision', 'check', true],
      ['strategy.acceptance-criteria', 'check', true],
      ['strategy.explainability', 'check', true],
      ['strategy.operational-requirements', 'attestation', false],
      ['strategy.monitoring-governance', 'check', true],
      ['strategy.ethics', 'check', true],
    ]);
    expect(view([], { checkResults: new Map() }).stages[0].criteria[0]).toEqual(
      {
        id: 'strategy.business-vision',
        title: expect.any(String),
        source: 'check',
        checkId: 'use-case.business-drivers-measurable',
        met: false,
      },
    );
  });

  it('says which sign-offs are the viewer’s and lets them decide only with the permission', () => {
    const [mine] = view([], { viewer: theOwner }).stages;
    expect(mine.signOff.map(s => [s.id, s.label, s.refs, s.yours])).toEqual([
      ['sponsor', 'Sponsor', [sponsor], false],
      ['owner', 'Owner', [team], true],
    ]);
    expect(mine.canDecide).toBe(true);
    const denied = { ...theOwner, mayDecide: () => false };
    expect(view([], { viewer: denied }).stages[0].canDecide).toBe(false);
    const outsider = {
      claims: ['user:default/tomas-novak'],
      mayDecide: () => true,
    };
    expect(view([], { viewer: outsider }).stages[0].canDecide).toBe(false);
    const system = view([]).stages[0];
    expect(system.canDecide).toBe(false);
    expect(system.signOff.some(s => s.yours)).toBe(false);
  });

  it('flags a sign-off group that is not in the catalog as unresolved, and only that one', () => {
    const gates = view([], {
      viewer: theOwner,
      unresolvedGroups: new Set([operations]),
    });
    const operationalisation = gates.stages.find(
      s => s.stage === 'operationalisation',
    )!;
    expect(
      operationalisation.signOff.map(s => [s.id, s.unresolved ?? false]),
    ).toEqual([
      ['owner', false],
      [operations, true],
    ]);
    // The reference stays: the backend's decision path reads the same one.
    expect(operationalisation.signOff[1].refs).toEqual([operations]);
    expect(
      gates.stages
        .filter(s => s.stage !== 'operationalisation')
        .flatMap(s => s.signOff)
        .some(s => 'unresolved' in s),
    ).toBe(false);
    // Without the set (the catalog not read), nothing is flagged.
    expect(
      view([])
        .stages.flatMap(s => s.signOff)
        .some(s => 'unresolved' in s),
    ).toBe(false);
  });

  it('asks for the sign-offs the entity’s risk tier adds, and approves only with them', () => {
    const modelRisk = 'group:default/model-risk';
    const signOff = {
      stages: defaultGateSignOff(operations),
      byRiskTier: {
        high: { strategy: [{ type: 'group', ref: modelRisk } as const] },
      },
    };
    const risky = { ...entity, riskTier: 'high' as const };
    const officer = { claims: [modelRisk], mayDecide: () => true };
    const t = approvedStrategy();
    const [strategy, prototyping] = view(t.events, {
      entity: risky,
      signOff,
      viewer: officer,
    }).stages;
    expect(strategy.signOff.map(s => [s.id, s.label, s.yours])).toEqual([
      ['sponsor', 'Sponsor', false],
      ['owner', 'Owner', false],
      [modelRisk, 'model-risk (high risk)', true],
    ]);
    expect(strategy.state).toBe('ready-for-review');
    expect(strategy.canDecide).toBe(true);
    expect(prototyping.signOff.map(s => s.id)).toEqual(['owner', 'sponsor']);

    t.record(
      'strategy',
      '2026-11-04T09:00:00Z',
      decision(risky, modelRisk, 'user:default/amara-osei'),
    );
    expect(view(t.events, { entity: risky, signOff }).stages[0].state).toBe(
      'approved',
    );
    // The same trail, for an entity of another tier: approved without it.
    expect(view(t.events, { signOff }).stages[0].signOff).toHaveLength(2);
  });

  it('is ready for review once attested and approved when every sign-off approved; the next stage opens then', () => {
    const t = approvedStrategy();
    const gates = view(t.events, { viewer: theOwner });
    const [strategy, prototyping, operationalisation] = gates.stages;
    expect(strategy).toMatchObject({ state: 'approved', revision: 3 });
    expect(strategy.criteria[3].attestation).toEqual({
      by: owner,
      at: '2026-11-01T09:00:00.000Z',
      evidenceUrl: 'https://wiki.example.com/strategy.operational-requirements',
      comment: 'Attested.',
    });
    expect(strategy.signOff.map(s => s.decision?.by)).toEqual([sponsor, owner]);
    // Newest first.
    expect(strategy.decisions.map(d => d.role)).toEqual(['owner', 'sponsor']);
    expect(gates.currentStage).toBe('prototyping');
    expect(prototyping.enteredAt).toBe('2026-11-03T11:00:00.000Z');
    expect(prototyping.canDecide).toBe(true);
    expect(operationalisation.canDecide).toBe(false);
    expect(operationalisation.enteredAt).toBeUndefined();

    const before = view(t.events.slice(0, 2)).stages[0];
    expect(before).toMatchObject({ state: 'ready-for-review', revision: 2 });
    expect(view(t.events.slice(0, 1)).stages[0].state).toBe('ready-for-review');
  });

  it('shows approvals whose facts changed as invalidated now, at the revision recording them will produce', () => {
    const t = approvedStrategy();
    const changed: GatedEntityDescription = {
      ...entity,
      ...versionOf(useCase({ risk: { tier: 'high', personalData: true } })),
    };
    const gates = view(t.events, { entity: changed });
    const [strategy] = gates.stages;
    const invalidated = {
      at: now.toISOString(),
      reason: 'The facts the decision rested on changed: spec.risk.',
    };
    expect(strategy).toMatchObject({ state: 'ready-for-review', revision: 4 });
    expect(strategy.decisions.map(d => d.invalidated)).toEqual([
      invalidated,
      invalidated,
    ]);
    expect(strategy.invalidations).toEqual([
      { ...invalidated, decisionId: '2' },
      { ...invalidated, decisionId: '3' },
    ]);
    expect(strategy.signOff.every(s => !s.decision)).toBe(true);
    expect(gates).toMatchObject({
      currentStage: 'strategy',
      entityHash: changed.hash,
    });
    expect(gates.stages[1].enteredAt).toBeUndefined();
  });
});
