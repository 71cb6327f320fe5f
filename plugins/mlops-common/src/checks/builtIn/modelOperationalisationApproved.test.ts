import {
  contextOf,
  model,
  surroundings,
  useCase,
} from '../../__testUtils__/entities';
import { gateApprovalFactId } from '../../maturity/factIds';
import { modelOperationalisationApproved } from './modelOperationalisationApproved';

const run = (lifecycle: string, gate?: object) =>
  modelOperationalisationApproved.evaluate(
    contextOf(model({ lifecycle }), [...surroundings(), useCase()], {
      facts: gate
        ? { [gateApprovalFactId('operationalisation')]: gate as any }
        : {},
    }),
  );

describe('model.operationalisation-approved', () => {
  it('passes for a production model whose stage-3 gate is approved', () => {
    expect(
      run('production', {
        state: 'approved',
        approvedAt: '2026-11-20T10:00:00.000Z',
        approvedBy: ['user:default/jonas-weber', 'user:default/nina-ops'],
      }),
    ).toEqual({
      outcome: 'passed',
      reason:
        'Approved by user:default/jonas-weber, user:default/nina-ops at 2026-11-20T10:00:00.000Z.',
    });
  });

  it('fails for a production model whose gate is not approved, naming its state', () => {
    expect(run('production', { state: 'ready-for-review' })).toEqual({
      outcome: 'failed',
      reason: 'In production but the stage-3 gate is ready for review.',
    });
  });

  it('is not reported when the backend holds no gate, and not applicable before production', () => {
    expect(run('production').outcome).toBe('not-reported');
    expect(run('experimental').outcome).toBe('not-applicable');
  });
});
