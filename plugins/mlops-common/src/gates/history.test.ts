import { useCase } from '../__testUtils__/entities';
import { approvalFactOf } from './approvalFact';
import { defaultGateSignOff } from './definitions';
import { gateApprovedAt, gateHistory, pendingInvalidations } from './history';
import { attestation, decision, trail, versionOf } from './__testUtils__/trail';

const ref = 'mlusecase:default/churn-prevention';
const sponsor = 'user:default/maria-silva';
const owner = 'user:default/ana-kovac';
const signOff = defaultGateSignOff().strategy; // sponsor, owner

const approved = versionOf(useCase());
const changed = versionOf(
  useCase({
    acceptanceCriteria: [
      { metric: 'recall', operator: '>=', threshold: 0.6, category: 'model' },
    ],
  }),
);

/** The strategy gate attested, then approved by sponsor and owner (revisions 1–3). */
function approvedStrategy() {
  const t = trail(ref);
  t.record(
    'strategy',
    '2026-11-01T09:00:00Z',
    attestation(approved, 'strategy.operational-requirements', owner),
  );
  t.record(
    'strategy',
    '2026-11-02T10:00:00Z',
    decision(approved, 'sponsor', sponsor),
  );
  t.record(
    'strategy',
    '2026-11-03T11:00:00Z',
    decision(approved, 'owner', owner),
  );
  return t;
}

describe('gateHistory', () => {
  it('folds a gate’s events: its decisions, the latest attestation per criterion, its revision', () => {
    const t = approvedStrategy();
    t.record(
      'strategy',
      '2026-11-04T09:00:00Z',
      attestation(approved, 'strategy.operational-requirements', sponsor),
    );
    t.record(
      'prototyping',
      '2026-11-05T09:00:00Z',
      decision(approved, 'owner', owner, 'reject'),
    );
    const history = gateHistory(t.events, 'strategy', approved);
    expect(history.decisions.map(d => [d.role, d.actor])).toEqual([
      ['sponsor', sponsor],
      ['owner', owner],
    ]);
    expect(
      history.attestations.get('strategy.operational-requirements')?.actor,
    ).toBe(sponsor);
    expect(history.revision).toBe(4);
    expect(history.invalidations.size).toBe(0);
    expect(history.pending).toEqual([]);
    expect(gateHistory(t.events, 'prototyping', approved).revision).toBe(1);
    expect(gateHistory(t.events, 'operationalisation', approved)).toMatchObject(
      { revision: 0, decisions: [], pending: [] },
    );
  });

  it('counts decisions on other facts as invalidated before anything is recorded, naming the changed fields', () => {
    const t = approvedStrategy();
    const history = gateHistory(t.events, 'strategy', changed);
    const reason =
      'The facts the decision rested on changed: spec.acceptanceCriteria.';
    expect([...history.invalidations.values()]).toEqual([
      { decisionId: '2', reason },
      { decisionId: '3', reason },
    ]);
    expect(history.pending.map(d => d.id)).toEqual(['2', '3']);
    // Recording them bumps the revision once.
    expect(history.revision).toBe(4);
    expect(approvalFactOf(signOff, history)).toEqual({ state: 'not-started' });
  });

  it('hands writers the invalidations to record; once recorded nothing is pending and the revision stays', () => {
    const t = approvedStrategy();
    const pending = pendingInvalidations(
      gateHistory(t.events, 'strategy', changed),
      changed,
    );
    expect(pending).toEqual([
      expect.objectContaining({
        type: 'invalidation',
        actor: 'system',
        decisionId: '2',
        entityHash: changed.hash,
        facts: changed.facts,
      }),
      expect.objectContaining({ decisionId: '3' }),
    ]);
    const [recorded] = t.record('strategy', '2026-11-06T08:00:00Z', ...pending);
    const history = gateHistory(t.events, 'strategy', changed);
    expect(history.pending).toEqual([]);
    expect(history.revision).toBe(4);
    expect(history.invalidations.get('2')).toEqual({
      decisionId: '2',
      reason: recorded.comment,
      at: new Date('2026-11-06T08:00:00Z'),
    });
  });

  it('keeps a recorded invalidation when the facts change back', () => {
    const t = approvedStrategy();
    t.record(
      'strategy',
      '2026-11-06T08:00:00Z',
      ...pendingInvalidations(
        gateHistory(t.events, 'strategy', changed),
        changed,
      ),
    );
    const history = gateHistory(t.events, 'strategy', approved);
    expect(history.invalidations.size).toBe(2);
    expect(history.pending).toEqual([]);
    expect(approvalFactOf(signOff, history).state).toBe('not-started');
  });
});

describe('gateApprovedAt and approvalFactOf', () => {
  it('date an approval by the latest approval that counts, and name who approved', () => {
    const history = gateHistory(
      approvedStrategy().events,
      'strategy',
      approved,
    );
    expect(gateApprovedAt(signOff, history)).toEqual(
      new Date('2026-11-03T11:00:00Z'),
    );
    expect(approvalFactOf(signOff, history)).toEqual({
      state: 'approved',
      approvedAt: '2026-11-03T11:00:00.000Z',
      approvedBy: [sponsor, owner],
    });
  });

  it('give a gate without a decision that counts no date, and its decided state otherwise, whatever its criteria', () => {
    const t = trail(ref);
    const none = gateHistory(t.events, 'strategy', approved);
    expect(gateApprovedAt(signOff, none)).toBeUndefined();
    expect(approvalFactOf(signOff, none)).toEqual({ state: 'not-started' });
    t.record(
      'strategy',
      '2026-11-02T10:00:00Z',
      decision(approved, 'sponsor', sponsor, 'request-changes'),
    );
    expect(
      approvalFactOf(signOff, gateHistory(t.events, 'strategy', approved)),
    ).toEqual({ state: 'changes-requested' });
    t.record(
      'strategy',
      '2026-11-03T10:00:00Z',
      decision(approved, 'owner', owner, 'reject'),
    );
    expect(
      approvalFactOf(signOff, gateHistory(t.events, 'strategy', approved)),
    ).toEqual({ state: 'rejected' });
  });
});
