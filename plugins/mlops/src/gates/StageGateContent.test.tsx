import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StageGateContent } from './GateContent';
import {
  churnGbm,
  churnDriftMonitor,
  churnUseCase,
} from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import {
  churnGates,
  prototypingGate,
  strategyGate,
} from './__testUtils__/gateFixtures';
import { metadataValue } from '../__testUtils__/metadataValue';
import type {
  EntityGates,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

function gatesWith(view: GateView): EntityGates {
  return {
    ...churnGates,
    stages: churnGates.stages.map(s => (s.stage === view.stage ? view : s)),
  };
}

async function renderGate(
  api = mockMlopsApi(),
  stage: GateView['stage'] = 'prototyping',
) {
  await renderWithMlops(<StageGateContent stage={stage} />, {
    api,
    entity: churnUseCase,
  });
  await screen.findByTestId(`mlops-gate-${stage}`);
  return api;
}

function panel() {
  return within(screen.getByTestId('mlops-gate-sign-off-panel'));
}

function fillComment(text: string) {
  fireEvent.change(panel().getByRole('textbox', { name: /Comment/ }), {
    target: { value: text },
  });
}

describe('a stage-gate tab', () => {
  it("shows the gate's state in words, since when, the stage's key roles and who signs off", async () => {
    await renderGate();

    const summary = within(screen.getByTestId('mlops-gate-summary'));
    expect(
      summary.getByRole('heading', {
        name: 'Stage 2: Rapid prototyping & model building',
      }),
    ).toBeInTheDocument();
    expect(summary.getByText('Ready for review')).toBeInTheDocument();
    expect(summary.getByText('2 Sept 2026, 10:30 UTC')).toBeInTheDocument();
    expect(summary.getByText('ML engineers')).toBeInTheDocument();
    expect(summary.getByText('Data scientists')).toBeInTheDocument();
    const signers = within(
      summary.getByRole('list', { name: 'Who signs off' }),
    );
    const [owner, sponsor] = signers.getAllByRole('listitem');
    expect(owner).toHaveTextContent('Owner');
    expect(owner).toHaveTextContent('retention-analytics');
    expect(owner).toHaveTextContent('Not yet signed');
    expect(sponsor).toHaveTextContent('Sponsor');
    expect(sponsor).toHaveTextContent('ada');
    expect(
      screen.getByText('The entity is in this stage now.'),
    ).toBeInTheDocument();
  });

  it('shows who signed off an approved gate, and when', async () => {
    await renderGate(mockMlopsApi(), 'strategy');

    const summary = within(screen.getByTestId('mlops-gate-summary'));
    expect(
      metadataValue(screen.getByTestId('mlops-gate-summary'), 'State'),
    ).toHaveTextContent('Approved');
    const [sponsor, owner] = within(
      summary.getByRole('list', { name: 'Who signs off' }),
    ).getAllByRole('listitem');
    // The sponsor is a person: their name is the sign-off's.
    expect(sponsor).toHaveTextContent('ada');
    expect(sponsor).toHaveTextContent('Approvedon 1 Sept 2026, 09:00 UTC');
    expect(
      within(sponsor).queryByTestId('mlops-gate-signed-by'),
    ).not.toBeInTheDocument();
    // The owner is a group: the member who signed stands beside it.
    expect(owner).toHaveTextContent(
      'retention-analytics · signed by maria-silva',
    );
    expect(
      within(within(owner).getByTestId('mlops-gate-signed-by')).getByRole(
        'link',
      ),
    ).toHaveAttribute('href', '/catalog/default/user/maria-silva');
    expect(owner).toHaveTextContent('Approvedon 2 Sept 2026, 10:30 UTC');
    expect(
      screen.getByText(
        'The entity is in Stage 2: Rapid prototyping & model building.',
      ),
    ).toBeInTheDocument();
  });

  it("lists the criteria with a check's outcome or the attestation's author, date and evidence", async () => {
    await renderGate(mockMlopsApi(), 'strategy');

    const criteria = within(
      screen.getByRole('list', { name: 'Gate criteria' }),
    );
    const [drivers, ethics] = criteria.getAllByRole('listitem');
    expect(drivers).toHaveTextContent(
      'Business vision and alignment: drivers linked to KPIs',
    );
    expect(drivers).toHaveTextContent(
      'Checked by the rubric (use-case.drivers-have-kpis)',
    );
    expect(within(drivers).getByText('Passed')).toBeInTheDocument();
    expect(within(ethics).getByText('Attested')).toBeInTheDocument();
    expect(ethics).toHaveTextContent(
      'Attested by maria-silva on 28 Aug 2026, 14:00 UTC: Reviewed with the ethics board.',
    );
    expect(
      within(ethics).getByRole('link', { name: 'Evidence' }),
    ).toHaveAttribute('href', 'https://wiki.example.com/churn/ethics-review');
  });

  it('names an attest button by the label it shows, then its criterion, and underlines links in the attestation', async () => {
    await renderGate(mockMlopsApi(), 'strategy');

    const button = screen.getByRole('button', {
      name: 'Attest again: Ethical considerations such as bias',
    });
    // Speech input finds a control by what it shows (WCAG 2.5.3).
    expect(button.getAttribute('aria-label')).toMatch(
      new RegExp(`^${button.textContent}`),
    );
    const [, ethics] = within(
      screen.getByRole('list', { name: 'Gate criteria' }),
    ).getAllByRole('listitem');
    expect(within(ethics).getAllByRole('link')).toHaveLength(2);
    for (const link of within(ethics).getAllByRole('link')) {
      expect(link).toHaveClass('MuiLink-underlineAlways');
    }
  });

  it('marks failed checks and unattested criteria in words', async () => {
    await renderGate();

    const criteria = within(
      screen.getByRole('list', { name: 'Gate criteria' }),
    );
    const [registered, fairness, eda] = criteria.getAllByRole('listitem');
    expect(within(registered).getByText('Passed')).toBeInTheDocument();
    expect(within(fairness).getByText('Failed')).toBeInTheDocument();
    expect(fairness).toHaveTextContent(
      'disparate-impact-ratio for gender is 0.72, below 0.8.',
    );
    expect(within(eda).getByText('Not attested')).toBeInTheDocument();
  });

  it('attests a criterion with an evidence link and a comment on the loaded revision', async () => {
    const api = await renderGate();

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Attest: Exploratory data analysis and pre-processing',
      }),
    );
    const form = within(
      screen.getByRole('form', {
        name: 'Attest Exploratory data analysis and pre-processing',
      }),
    );
    fireEvent.click(form.getByRole('button', { name: 'Record attestation' }));
    expect(
      form.getByText('An http or https address of the evidence is required.'),
    ).toBeInTheDocument();
    expect(api.attestGateCriterion).not.toHaveBeenCalled();

    fireEvent.change(form.getByRole('textbox', { name: /Evidence link/ }), {
      target: { value: 'https://notebooks.example.com/churn-eda' },
    });
    fireEvent.change(form.getByRole('textbox', { name: /Comment/ }), {
      target: { value: 'Duplicates removed, leakage checked.' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Record attestation' }));

    await waitFor(() =>
      expect(api.attestGateCriterion).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        'prototyping',
        {
          criterion: 'eda',
          evidenceUrl: 'https://notebooks.example.com/churn-eda',
          comment: 'Duplicates removed, leakage checked.',
          revision: 7,
        },
      ),
    );
  });

  it('records a decision with its comment, evidence and the revision it loaded, then shows the new state', async () => {
    const approved: GateView = {
      ...prototypingGate,
      state: 'approved',
      revision: 8,
    };
    const api = mockMlopsApi({
      decideGate: jest.fn().mockResolvedValue(approved),
    });
    api.getGates
      .mockResolvedValueOnce(churnGates)
      .mockResolvedValue(gatesWith(approved));
    await renderGate(api);

    fillComment('Fairness by region reviewed with the sponsor.');
    fireEvent.change(
      panel().getByRole('textbox', { name: 'Evidence link (optional)' }),
      { target: { value: 'https://wiki.example.com/churn/proto-review' } },
    );
    fireEvent.click(panel().getByRole('button', { name: 'Approve' }));

    expect(
      await panel().findByText('Recorded: Approved. The gate is now approved.'),
    ).toBeInTheDocument();
    expect(api.decideGate).toHaveBeenCalledWith(
      'mlusecase:default/churn-prevention',
      'prototyping',
      {
        decision: 'approve',
        comment: 'Fairness by region reviewed with the sponsor.',
        evidenceUrl: 'https://wiki.example.com/churn/proto-review',
        revision: 7,
      },
    );
    expect(
      within(screen.getByTestId('mlops-gate-summary')).getByText('Approved'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getGates).toHaveBeenCalledTimes(2));
  });

  it('requires a comment before it sends a decision', async () => {
    const api = await renderGate();

    fireEvent.click(panel().getByRole('button', { name: 'Reject' }));

    expect(
      panel().getByText('A comment is required: say why you decide this way.'),
    ).toBeInTheDocument();
    expect(api.decideGate).not.toHaveBeenCalled();
  });

  it('sends request-changes without an evidence link when none is given', async () => {
    const api = await renderGate();

    fillComment('Show fairness by region.');
    fireEvent.click(panel().getByRole('button', { name: 'Request changes' }));

    await waitFor(() =>
      expect(api.decideGate).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        'prototyping',
        {
          decision: 'request-changes',
          comment: 'Show fairness by region.',
          revision: 7,
        },
      ),
    );
  });

  it('disables the panel and says why when the user may not decide', async () => {
    const api = mockMlopsApi({
      getGates: jest
        .fn()
        .mockResolvedValue(gatesWith({ ...prototypingGate, canDecide: false })),
    });
    await renderGate(api);

    expect(panel().getByTestId('mlops-gate-cannot-decide')).toHaveTextContent(
      'You may not sign off this gate. Only the people listed under “Who signs off” (Owner or Sponsor) can record a decision here.',
    );
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(panel().getByRole('button', { name })).toBeDisabled();
    }
    expect(panel().getByRole('textbox', { name: /Comment/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /^Attest/ })).toBeNull();
  });

  it('says a gate opens for sign-off once the earlier gate is approved', async () => {
    const api = mockMlopsApi({
      getGates: jest.fn().mockResolvedValue({
        ...churnGates,
        currentStage: 'prototyping',
        stages: churnGates.stages.map(s =>
          s.stage === 'operationalisation' ? { ...s, canDecide: false } : s,
        ),
      }),
    });
    await renderGate(api, 'operationalisation');

    expect(panel().getByTestId('mlops-gate-cannot-decide')).toHaveTextContent(
      'Not open for sign-off yet. This gate can be decided once Stage 2: Rapid prototyping & model building is approved.',
    );
    expect(panel().getByRole('button', { name: 'Approve' })).toBeDisabled();
  });

  it('enables every decision when the user may decide', async () => {
    await renderGate();

    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(panel().getByRole('button', { name })).toBeEnabled();
    }
    expect(screen.queryByTestId('mlops-gate-cannot-decide')).toBeNull();
    // One sign-off is the user's: nothing to choose.
    expect(panel().queryByRole('radiogroup')).toBeNull();
  });

  it('lets a person who signs for several sign-offs choose which one the decision is for', async () => {
    const both: GateView = {
      ...prototypingGate,
      signOff: prototypingGate.signOff.map(s => ({ ...s, yours: true })),
    };
    const api = mockMlopsApi();
    api.getGates.mockResolvedValue(gatesWith(both));
    await renderGate(api);

    const roles = panel().getByRole('radiogroup');
    expect(panel().getByText('Sign as')).toBeVisible();
    // Preselected: the first sign-off still without a decision.
    expect(within(roles).getByRole('radio', { name: 'Owner' })).toBeChecked();
    fireEvent.click(within(roles).getByRole('radio', { name: 'Sponsor' }));
    fillComment('Fits the business case.');
    fireEvent.click(panel().getByRole('button', { name: 'Request changes' }));

    await waitFor(() =>
      expect(api.decideGate).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        'prototyping',
        {
          decision: 'request-changes',
          comment: 'Fits the business case.',
          revision: 7,
          role: 'sponsor',
        },
      ),
    );
  });

  it('explains a stale refusal (409), keeps the comment, and reloads the gate on request', async () => {
    const reloaded: GateView = { ...prototypingGate, revision: 9 };
    const stale = await responseError(409, 'ConflictError');
    // A decision that lost a race to another on the same revision: the
    // store's words, told apart by the code, not the message.
    stale.body.error.message =
      'The prototyping gate of mlusecase:default/churn-prevention changed since revision 7 was read; reload the gate and decide again';
    stale.body.error.code = 'gate-revision-stale';
    const api = mockMlopsApi({
      decideGate: jest
        .fn()
        .mockRejectedValueOnce(stale)
        .mockResolvedValue(reloaded),
    });
    api.getGates
      .mockResolvedValueOnce(churnGates)
      .mockResolvedValue(gatesWith(reloaded));
    await renderGate(api);

    fillComment('Looks good.');
    fireEvent.click(panel().getByRole('button', { name: 'Approve' }));

    expect(
      await panel().findByText(
        'Warning: This gate changed since you loaded it',
      ),
    ).toBeInTheDocument();
    expect(panel().getByRole('status')).toHaveTextContent(
      'after you loaded revision 7. Nothing was recorded.',
    );
    expect(panel().getByRole('textbox', { name: /Comment/ })).toHaveValue(
      'Looks good.',
    );

    fireEvent.click(panel().getByRole('button', { name: 'Reload the gate' }));
    await waitFor(() => expect(api.getGates).toHaveBeenCalledTimes(2));
    expect(
      panel().queryByText('Warning: This gate changed since you loaded it'),
    ).toBeNull();

    fireEvent.click(panel().getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.decideGate).toHaveBeenLastCalledWith(
        'mlusecase:default/churn-prevention',
        'prototyping',
        { decision: 'approve', comment: 'Looks good.', revision: 9 },
      ),
    );
  });

  it('says "you may not sign off this gate" when the backend refuses with a 403', async () => {
    const api = mockMlopsApi({
      decideGate: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'NotAllowedError')),
    });
    await renderGate(api);

    fillComment('Approving.');
    fireEvent.click(panel().getByRole('button', { name: 'Approve' }));

    expect(
      await panel().findByText('Error: You may not sign off this gate'),
    ).toBeInTheDocument();
    expect(panel().getByRole('status')).toHaveTextContent(
      'Nothing was recorded.',
    );
    expect(
      within(screen.getByTestId('mlops-gate-summary')).getByText(
        'Ready for review',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message for a refused decision that names a field", async () => {
    const invalid = await responseError(400, 'InputError');
    invalid.body.error.message = 'evidenceUrl must be an http or https URL';
    const api = mockMlopsApi({
      decideGate: jest.fn().mockRejectedValue(invalid),
    });
    await renderGate(api);

    fillComment('Approving.');
    fireEvent.click(panel().getByRole('button', { name: 'Approve' }));

    expect(
      await panel().findByText('evidenceUrl must be an http or https URL'),
    ).toBeInTheDocument();
  });

  it("shows the backend's reason for a 409 that reloading does not fix", async () => {
    const outOfOrder = await responseError(409, 'ConflictError');
    outOfOrder.body.error.message =
      'The strategy gate of mlusecase:default/churn-prevention is not approved yet; gates are decided in order';
    outOfOrder.body.error.code = 'earlier-gate-open';
    const api = mockMlopsApi({
      decideGate: jest.fn().mockRejectedValue(outOfOrder),
    });
    await renderGate(api);

    fillComment('Stop.');
    fireEvent.click(panel().getByRole('button', { name: 'Reject' }));

    expect(
      await panel().findByText(/gates are decided in order/),
    ).toBeInTheDocument();
    expect(
      panel().queryByRole('button', { name: 'Reload the gate' }),
    ).toBeNull();
  });

  it('keeps Approve closed until every criterion is met, and says so', async () => {
    await renderGate(mockMlopsApi(), 'operationalisation');

    expect(panel().getByTestId('mlops-gate-not-ready')).toHaveTextContent(
      'Approval opens once every criterion is met',
    );
    expect(panel().getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(
      panel().getByRole('button', { name: 'Request changes' }),
    ).toBeEnabled();
  });

  it('lists the decisions newest first, with an invalidated approval and its reason', async () => {
    await renderGate();

    const history = within(screen.getByTestId('mlops-gate-history'));
    expect(
      history.getByText('2 decisions, newest first; 1 invalidated'),
    ).toBeInTheDocument();
    const [approval, changes] = history.getAllByRole('row').slice(1);
    expect(approval).toHaveTextContent('10 Oct 2026, 09:00 UTC');
    expect(approval).toHaveTextContent('Approved');
    expect(approval).toHaveTextContent(
      'Invalidated 2 Nov 2026, 12:00 UTC: The acceptance criteria of the use case changed.',
    );
    expect(approval).toHaveTextContent('maria-silvafor Owner');
    expect(changes).toHaveTextContent('Changes requested');
    expect(changes).toHaveTextContent('adafor Sponsor');
    expect(changes).toHaveTextContent(
      'Show the fairness results by region first.',
    );
    expect(
      within(changes).getByRole('link', { name: 'Evidence' }),
    ).toHaveAttribute('href', 'https://wiki.example.com/churn/fairness');
    expect(changes).not.toHaveTextContent('Invalidated');
  });

  it('says when no decision is recorded yet', async () => {
    await renderGate(mockMlopsApi(), 'operationalisation');

    expect(
      screen.getByText('No decision has been recorded on this gate yet.'),
    ).toBeInTheDocument();
  });

  it('links to the audit trail as CSV and JSON and downloads it with the user token', async () => {
    const api = await renderGate();
    const exports = within(screen.getByTestId('mlops-gate-audit-export'));

    const csv = await exports.findByRole('link', {
      name: 'Export audit trail as CSV',
    });
    await waitFor(() =>
      expect(csv).toHaveAttribute(
        'href',
        'http://backstage.test/api/mlops/gates/mlusecase/default/churn-prevention/audit?format=csv',
      ),
    );
    expect(
      exports.getByRole('link', { name: 'Export audit trail as JSON' }),
    ).toHaveAttribute('download', 'churn-prevention-gate-audit.json');

    const createObjectURL = jest.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    fireEvent.click(csv);
    await waitFor(() =>
      expect(api.getGateAudit).toHaveBeenCalledWith(
        'mlusecase:default/churn-prevention',
        'csv',
      ),
    );
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
  });

  it('shows the gates of a model too', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<StageGateContent stage="strategy" />, {
      api,
      entity: churnGbm,
    });

    expect(
      await screen.findByTestId('mlops-gate-strategy'),
    ).toBeInTheDocument();
    expect(api.getGates).toHaveBeenCalledWith('mlmodel:default/churn-gbm');
  });

  it('tells an app that wired the tab onto a monitor that gates are for use cases and models', async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<StageGateContent stage="strategy" />, {
      api,
      entity: churnDriftMonitor,
    });

    expect(
      await screen.findByText(
        /Stage gates apply to MLUseCase and MLModel entities only/,
      ),
    ).toBeInTheDocument();
  });
});

// Keep the fixture honest: the approved gate's sign-offs hold the decisions it lists.
test('the strategy fixture lists its sign-off decisions in its history', () => {
  expect(strategyGate.signOff.map(s => s.decision?.id).sort()).toEqual(
    strategyGate.decisions.map(d => d.id).sort(),
  );
});
