import { defaultGateSignOff } from '../gates/definitions';
import { gateFactsHash, gateFactsOf, gateFactsVersionOf } from '../gates/facts';
import { gateSignOffFor } from '../gates/signOff';
import { diagnose } from './diagnose';
import {
  GateProgressSummary,
  gateProgressSummaryHolds,
  gateProgressSummaryOf,
} from './gateProgress';
import type { DiagnosticSnapshot } from './snapshot';
import { diagnosticRefOf } from './snapshot';
import {
  churn,
  daysAgo,
  gbm,
  GBM,
  organisation,
  price,
  PRICE,
} from './__testUtils__/organisation';

/** The snapshot's gate events folded as the backend keeps them (through JSON), and no events. */
function folded(snapshot: DiagnosticSnapshot): DiagnosticSnapshot {
  const gateProgress = new Map<string, GateProgressSummary>();
  for (const entity of [...snapshot.useCases, ...snapshot.models]) {
    const ref = diagnosticRefOf(entity);
    const summary = gateProgressSummaryOf(
      snapshot.gateEvents.get(ref) ?? [],
      gateFactsVersionOf(entity),
      gateSignOffFor(snapshot.signOff, snapshot.riskTiers.get(ref)),
    );
    gateProgress.set(ref, JSON.parse(JSON.stringify(summary)));
  }
  return { ...snapshot, gateEvents: new Map(), gateProgress };
}

/** The fixture with a sponsor's rejection invalidated, a decision on earlier facts and a gate ready for review. */
function busier(): DiagnosticSnapshot {
  const snapshot = organisation();
  const events = new Map(snapshot.gateEvents);
  const earlier = gateFactsOf({
    ...price,
    spec: { ...price.spec, framework: 'prophet' },
  });
  const base = {
    actor: 'user:default/sam-ortiz',
    comment: '',
    facts: gateFactsOf(price),
    entityHash: gateFactsHash(gateFactsOf(price)),
    entityRef: PRICE,
    stage: 'prototyping' as const,
  };
  events.set(PRICE, [
    ...events.get(PRICE)!,
    {
      ...base,
      id: '101',
      type: 'decision',
      decision: 'reject',
      role: 'sponsor',
      revision: 1,
      at: daysAgo(30),
    },
    {
      ...base,
      id: '102',
      type: 'invalidation',
      actor: 'system',
      decisionId: '101',
      revision: 2,
      at: daysAgo(25),
    },
    {
      ...base,
      id: '103',
      type: 'decision',
      decision: 'approve',
      role: 'owner',
      // Rests on facts the model no longer has: pending invalidation.
      facts: earlier,
      entityHash: gateFactsHash(earlier),
      revision: 3,
      at: daysAgo(20),
    },
    {
      ...base,
      id: '104',
      type: 'decision',
      decision: 'approve',
      role: 'sponsor',
      revision: 4,
      at: daysAgo(12),
    },
  ]);
  return { ...snapshot, gateEvents: events };
}

describe('gate progress folded ahead of the diagnostic', () => {
  it.each([
    ['the fixture organisation', organisation],
    ['invalidated, stale and pending decisions', busier],
  ])('gives the diagnostic the events give, with %s', (_name, snapshotOf) => {
    const snapshot = snapshotOf();
    const fromEvents = diagnose(snapshot);
    // The diagnostic found something to compare: gates decided and approved.
    expect(
      fromEvents.questions
        .find(q => q.id === 'q1')!
        .indicators.find(i => i.id === 'q1.funnel-conversion')!.value,
    ).not.toBeNull();
    expect(diagnose(folded(snapshot))).toEqual(fromEvents);
  });

  it('keeps what the open gate needs, leaving its criteria to the current check outcomes', () => {
    const snapshot = busier();
    const summary = gateProgressSummaryOf(
      snapshot.gateEvents.get(PRICE)!,
      gateFactsVersionOf(price),
      defaultGateSignOff(),
    );
    expect(summary.gates.strategy.decided).toBe('approved');
    expect(summary.gates.strategy.approvedAt).toBe(daysAgo(50).getTime());
    // The rejection is invalidated and the owner's approval rests on other
    // facts: the sponsor's approval alone leaves the gate to its criteria.
    expect(summary.gates.prototyping.decided).toBeUndefined();
    expect(summary.gates.prototyping.invalidatedAt).toEqual([
      daysAgo(25).getTime(),
    ]);
    expect(summary.gates.prototyping.decisions).toEqual([
      { role: 'sponsor', at: daysAgo(30).getTime() },
      { role: 'owner', at: daysAgo(20).getTime() },
      { role: 'sponsor', at: daysAgo(12).getTime() },
    ]);
    expect(summary.firstProductionApprovalAt).toBeUndefined();
    // The owner and operations sign stage 3 off, both a day before the
    // fixture's approval day (only a sponsor decides on the day itself).
    expect(
      gateProgressSummaryOf(
        snapshot.gateEvents.get(GBM)!,
        gateFactsVersionOf(gbm),
        defaultGateSignOff(),
      ).firstProductionApprovalAt,
    ).toBe(daysAgo(21).getTime());
  });

  it('holds only for the facts and the sign-off it was folded against', () => {
    const signOff = defaultGateSignOff();
    const summary = gateProgressSummaryOf(
      [],
      gateFactsVersionOf(churn),
      signOff,
    );
    expect(summary.gates.strategy.decisions).toEqual([]);
    expect(summary.firstEventAt).toBeUndefined();
    expect(
      gateProgressSummaryHolds(summary, gateFactsVersionOf(churn), signOff),
    ).toBe(true);
    const edited = {
      ...churn,
      spec: { ...churn.spec, sponsor: 'user:default/someone-else' },
    };
    expect(
      gateProgressSummaryHolds(summary, gateFactsVersionOf(edited), signOff),
    ).toBe(false);
    const highRisk = gateSignOffFor(
      {
        stages: signOff,
        byRiskTier: {
          high: {
            operationalisation: [
              { type: 'group', ref: 'group:default/model-risk' },
            ],
          },
        },
      },
      'high',
    );
    expect(
      gateProgressSummaryHolds(summary, gateFactsVersionOf(churn), highRisk),
    ).toBe(false);
  });
});
