import { mockServices } from '@backstage/backend-test-utils';
import { createGateNotifier, gateLink } from './notifications';

const gate = {
  entityRef: 'mlusecase:default/churn-prevention',
  title: 'Churn prevention',
  ownerRef: 'group:default/retention-analytics',
  stage: 'prototyping' as const,
};

function notifier(send = jest.fn(async () => {})) {
  return {
    send,
    notifier: createGateNotifier({
      notifications: { send },
      logger: mockServices.logger.mock(),
    }),
  };
}

describe('gate notifications', () => {
  it('link to the gate’s tab on the entity page', () => {
    expect(gateLink('mlmodel:default/churn-gbm', 'operationalisation')).toBe(
      '/catalog/default/mlmodel/churn-gbm/gate-operationalisation',
    );
  });

  it('ask the approvers to review, one notification per gate', async () => {
    const { send, notifier: n } = notifier();
    await n.readyForReview(gate, [
      'user:default/maria-silva',
      'group:default/retention-analytics',
    ]);
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: [
          'user:default/maria-silva',
          'group:default/retention-analytics',
        ],
      },
      payload: {
        title:
          'Churn prevention: stage 2 (Rapid prototyping & model building) is ready for your sign-off',
        description:
          'Every criterion of the gate is met. Review it and approve, reject or request changes.',
        link: '/catalog/default/mlusecase/churn-prevention/gate-prototyping',
        severity: 'normal',
        topic: 'mlops-stage-gate',
        scope:
          'mlops-gate:mlusecase:default/churn-prevention:prototyping:review',
      },
    });
  });

  it('tell the owner of a decision, rejections with high severity', async () => {
    const { send, notifier: n } = notifier();
    await n.decisionMade(gate, {
      decision: 'reject',
      by: 'user:default/maria-silva',
      comment: 'The fairness results are missing.',
    });
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/retention-analytics'],
        },
        payload: expect.objectContaining({
          title:
            'Churn prevention: stage 2 (Rapid prototyping & model building) rejected by user:default/maria-silva',
          description: 'The fairness results are missing.',
          severity: 'high',
          scope:
            'mlops-gate:mlusecase:default/churn-prevention:prototyping:decision',
        }),
      }),
    );
  });

  it('do not fail the decision when the notifications backend is down', async () => {
    const { notifier: n } = notifier(
      jest.fn(async () => {
        throw new Error('connect ECONNREFUSED');
      }),
    );
    await expect(
      n.invalidated(gate, 'The facts changed: spec.version.', []),
    ).resolves.toBeUndefined();
  });
});
