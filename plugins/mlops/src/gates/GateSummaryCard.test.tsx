import { screen, within } from '@testing-library/react';
import type { EntityGates } from '@mlightenment/backstage-plugin-mlops-common';
import { StageGateContent } from './GateContent';
import { churnUseCase } from '../__testUtils__/fixtures';
import { mockMlopsApi } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnGates,
  operationalisationGate,
} from './__testUtils__/gateFixtures';

/** The stage-3 gate whose operations group is not in the catalog. */
function gatesWithUnresolvedGroup(decided = false): EntityGates {
  const [owner, operations] = operationalisationGate.signOff;
  return {
    ...churnGates,
    stages: churnGates.stages.map(s =>
      s.stage === 'operationalisation'
        ? {
            ...operationalisationGate,
            signOff: [
              owner,
              {
                ...operations,
                unresolved: true,
                ...(decided
                  ? {
                      decision: {
                        id: 'd9',
                        stage: 'operationalisation' as const,
                        decision: 'approve' as const,
                        role: operations.id,
                        by: 'user:default/olga-berg',
                        at: '2026-11-20T10:00:00Z',
                        comment: 'Runbooks walked through.',
                        entityHash: 'sha256:bb02',
                        revision: 1,
                      },
                    }
                  : {}),
              },
            ],
          }
        : s,
    ),
  };
}

async function renderOperationalisation(gates: EntityGates) {
  await renderWithMlops(<StageGateContent stage="operationalisation" />, {
    api: mockMlopsApi({ getGates: jest.fn().mockResolvedValue(gates) }),
    entity: churnUseCase,
  });
  await screen.findByTestId('mlops-gate-operationalisation');
  return within(screen.getByRole('list', { name: 'Who signs off' }));
}

describe('a sign-off group that is not in the catalog', () => {
  it('is shown on its sign-off as one nobody can sign, without a link to the missing group', async () => {
    const list = await renderOperationalisation(gatesWithUnresolvedGroup());

    const [owner, operations] = list.getAllByRole('listitem');
    const warning = within(operations).getByTestId(
      'mlops-gate-sign-off-unresolved',
    );
    expect(warning).toBeVisible();
    expect(warning).toHaveTextContent(
      'No group group:default/ml-operations in the catalog: nobody can sign this',
    );
    expect(warning).toHaveTextContent('mlops.gates');
    expect(within(operations).queryByRole('link')).not.toBeInTheDocument();
    expect(within(operations).queryByText('Not yet signed')).toBeNull();
    // The other sign-off reads as before.
    expect(
      within(owner).queryByTestId('mlops-gate-sign-off-unresolved'),
    ).toBeNull();
    expect(within(owner).getByText('Not yet signed')).toBeVisible();
  });

  it('keeps a decision recorded before the group went missing, and still warns', async () => {
    const list = await renderOperationalisation(gatesWithUnresolvedGroup(true));

    const [, operations] = list.getAllByRole('listitem');
    expect(within(operations).getByText('Approved')).toBeVisible();
    expect(
      within(operations).getByTestId('mlops-gate-sign-off-unresolved'),
    ).toHaveTextContent('nobody can sign this');
  });

  it('is not shown when every sign-off resolves', async () => {
    await renderOperationalisation(churnGates);

    expect(
      screen.queryByTestId('mlops-gate-sign-off-unresolved'),
    ).not.toBeInTheDocument();
  });
});
