import { defaultGateSignOff } from './definitions';
import { currentStage, evaluateGateState } from './state';
import type { GateCriterionStatus, GateDecisionStatus } from './types';

const signOff = defaultGateSignOff().strategy; // sponsor, owner

const met: GateCriterionStatus[] = [
  { id: 'strategy.business-vision', source: 'check', outcome: 'passed' },
  { id: 'strategy.explainability', source: 'check', outcome: 'exempt' },
  {
    id: 'strategy.operational-requirements',
    source: 'attestation',
    attested: true,
  },
];

const decision = (
  role: string,
  kind: GateDecisionStatus['decision'],
  at: string,
  invalidated = false,
): GateDecisionStatus => ({ role, decision: kind, at, invalidated });

describe('evaluateGateState', () => {
  it('is not started while a check fails or an attestation is missing', () => {
    expect(
      evaluateGateState({
        criteria: [...met.slice(1), { ...met[0], outcome: 'failed' }],
        signOff,
        decisions: [],
      }),
    ).toBe('not-started');
    expect(
      evaluateGateState({
        criteria: [...met.slice(0, 2), { ...met[2], attested: false }],
        signOff,
        decisions: [],
      }),
    ).toBe('not-started');
    expect(
      evaluateGateState({
        criteria: [{ id: 'x', source: 'check', outcome: 'not-reported' }],
        signOff,
        decisions: [],
      }),
    ).toBe('not-started');
  });

  it('is ready for review when every criterion is met and not every sign-off approved', () => {
    expect(evaluateGateState({ criteria: met, signOff, decisions: [] })).toBe(
      'ready-for-review',
    );
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [decision('sponsor', 'approve', '2026-11-01T10:00:00Z')],
      }),
    ).toBe('ready-for-review');
  });

  it('is approved when every required sign-off approved', () => {
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [
          decision('sponsor', 'approve', '2026-11-01T10:00:00Z'),
          decision('owner', 'approve', '2026-11-02T10:00:00Z'),
        ],
      }),
    ).toBe('approved');
  });

  it('is rejected or changes-requested when the decision that counts for a sign-off says so', () => {
    const approvals = [
      decision('sponsor', 'approve', '2026-11-01T10:00:00Z'),
      decision('owner', 'approve', '2026-11-02T10:00:00Z'),
    ];
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [
          ...approvals,
          decision('sponsor', 'reject', '2026-11-03T10:00:00Z'),
        ],
      }),
    ).toBe('rejected');
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [
          ...approvals,
          decision('owner', 'request-changes', '2026-11-03T10:00:00Z'),
        ],
      }),
    ).toBe('changes-requested');
  });

  it('lets a later decision for the same sign-off replace an earlier one', () => {
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [
          decision('owner', 'approve', '2026-11-04T10:00:00Z'),
          decision('sponsor', 'request-changes', '2026-11-01T10:00:00Z'),
          decision('sponsor', 'approve', '2026-11-03T10:00:00Z'),
        ],
      }),
    ).toBe('approved');
  });

  it('does not count invalidated approvals, nor decisions for a role the gate does not require', () => {
    expect(
      evaluateGateState({
        criteria: met,
        signOff,
        decisions: [
          decision('sponsor', 'approve', '2026-11-01T10:00:00Z', true),
          decision('owner', 'approve', '2026-11-02T10:00:00Z'),
          decision(
            'group:default/platform-operations',
            'reject',
            '2026-11-02T11:00:00Z',
          ),
        ],
      }),
    ).toBe('ready-for-review');
  });
});

describe('currentStage', () => {
  it('is the first stage whose gate is not approved, in order', () => {
    expect(currentStage({})).toEqual({ stage: 'strategy', complete: false });
    expect(
      currentStage({ strategy: 'approved', prototyping: 'ready-for-review' }),
    ).toEqual({ stage: 'prototyping', complete: false });
    // A later approval does not skip an open gate.
    expect(
      currentStage({ strategy: 'rejected', prototyping: 'approved' }),
    ).toEqual({ stage: 'strategy', complete: false });
  });

  it('is complete when all three gates are approved', () => {
    expect(
      currentStage({
        strategy: 'approved',
        prototyping: 'approved',
        operationalisation: 'approved',
      }),
    ).toEqual({ stage: 'operationalisation', complete: true });
  });
});
