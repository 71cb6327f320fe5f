import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EntityTeamDiagnosticContent } from '../plugin';
import { retentionAnalytics } from '../__testUtils__/maturityFixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { DiagnosticContent } from './DiagnosticContent';
import {
  notInProduction,
  retentionAnswers,
  retentionDiagnostic,
} from './__testUtils__/diagnosticFixtures';

async function renderTeam(api = mockMlopsApi()) {
  await renderWithMlops(<EntityTeamDiagnosticContent />, {
    api,
    entity: retentionAnalytics,
  });
  await screen.findByTestId('mlops-diagnostic-q1');
  return api;
}

function panel(id: string) {
  return screen.getByTestId(`mlops-diagnostic-${id}`);
}

describe('the adoption diagnostic', () => {
  it("asks for the group's diagnostic over 90 days and shows one panel per question in the framework's words", async () => {
    const api = await renderTeam();

    expect(api.getDiagnostic).toHaveBeenCalledWith({
      team: 'group:default/retention-analytics',
      days: 90,
    });
    expect(
      screen
        .getAllByRole('heading', { level: 3 })
        .map(h => h.textContent)
        .slice(0, 7),
    ).toEqual(
      retentionDiagnostic.questions.map((q, i) => `${i + 1}. ${q.title}`),
    );
    expect(
      screen.getByRole('heading', {
        level: 3,
        name: '1. Do only a small subset of developed models make it to production?',
      }),
    ).toBeInTheDocument();
  });

  it('shows each indicator with its value and unit, its judgement, and its formula on demand', async () => {
    await renderTeam();

    const table = within(panel('q1')).getByRole('table', {
      name: 'Indicators of question 1',
    });
    const row = within(table).getByRole('row', {
      name: /Models in production/,
    });
    const [, value, judgement] = within(row).getAllByRole('cell');
    expect(value).toHaveTextContent('25 %');
    expect(judgement).toHaveTextContent('Strong');
    expect(
      within(table).getByRole('row', { name: /Median days in stage 2/ }),
    ).toHaveTextContent('41.5 days');
    const formula = within(row).getByText(/lifecycle "production"/);
    expect(formula.closest('details')).not.toHaveAttribute('open');
    fireEvent.click(within(row).getByText('How it is computed'));
    expect(formula.closest('details')).toHaveAttribute('open');
    expect(formula).toHaveTextContent(
      'some indication at 60 % or less, strong at 30 % or less',
    );
  });

  it('says the verdict in words beside an icon, and what a missing indicator lacks', async () => {
    await renderTeam();

    expect(panel('q1')).toHaveTextContent('Measured: Strong indicator');
    expect(panel('q1')).toHaveTextContent(
      'Median days in stage 3 (Operationalisation): no use case or model reached stage 3',
    );
    expect(panel('q2')).toHaveTextContent('Measured: Not indicated');
    expect(panel('q3')).toHaveTextContent('Measured: Some indication');
  });

  it('says "unknown" with the data that is missing rather than guessing', async () => {
    await renderTeam();

    const q5 = panel('q5');
    expect(q5).toHaveTextContent('Measured: Unknown');
    expect(q5).toHaveTextContent('The data to judge by is missing.');
    expect(q5).toHaveTextContent(
      'Missing data:KPIs off track: no production use case has a KPI actual',
    );
    expect(
      within(q5).getByRole('row', { name: /KPIs off track/ }),
    ).toHaveTextContent('Unknown: no production use case has a KPI actual');
  });

  it('drills down into the entities behind a number, each linking to its page', async () => {
    await renderTeam();

    const row = within(panel('q1')).getByRole('row', {
      name: /Models in production/,
    });
    expect(within(row).queryByRole('link')).not.toBeInTheDocument();
    const show = within(row).getByRole('button', {
      name: 'Show 4 entities: the evidence of Models in production',
    });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(show);

    expect(show).toHaveAttribute('aria-expanded', 'true');
    const list = within(row).getByRole('list', {
      name: 'Models not in production',
    });
    const links = within(list).getAllByRole('link');
    expect(links.map(l => l.getAttribute('href'))).toEqual(
      notInProduction.map(
        ref => `/catalog/default/mlmodel/${ref.split('/')[1]}`,
      ),
    );
  });

  it('shows the trend over 12 months as a chart with the trend in words', async () => {
    await renderTeam();

    expect(
      within(panel('q1')).getByRole('img', {
        name: 'Verdict over the last 12 months: Dec 2025 to Aug 2026 unknown; Sept 2026 some indication; Oct 2026 to Nov 2026 strong indicator.',
      }),
    ).toBeInTheDocument();
  });

  it('links the next step to its stage and names the key step', async () => {
    await renderTeam();

    const link = within(panel('q1')).getByRole('link', {
      name: /^Stage 3: ML engineering & operationalisation/,
    });
    expect(link).toHaveAttribute(
      'href',
      expect.stringContaining(
        'docs/stage-gates.md#stage-3-ml-engineering--operationalisation',
      ),
    );
    expect(panel('q1')).toHaveTextContent('key step: Serving infrastructure');
  });

  it("records the team's answer with the right body and shows it beside the measured verdict", async () => {
    const api = await renderTeam();

    const q1 = panel('q1');
    expect(q1).toHaveTextContent("The team's answer: not given yet");
    const form = within(q1).getByRole('form', {
      name: "The team's answer to question 1",
    });
    fireEvent.click(within(form).getByRole('radio', { name: 'No' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Comment' }), {
      target: {
        value: 'Our models reach production when they are good enough.',
      },
    });
    fireEvent.click(
      within(form).getByRole('button', { name: "Record the team's answer" }),
    );

    await waitFor(() =>
      expect(api.recordDiagnosticAnswer).toHaveBeenCalledWith(
        'group:default/retention-analytics',
        {
          question: 'q1',
          answer: 'no',
          comment: 'Our models reach production when they are good enough.',
        },
      ),
    );
    const answer = await within(q1).findByTestId(
      'mlops-diagnostic-team-answer',
    );
    expect(answer).toHaveTextContent("The team's answer: No");
    expect(answer).toHaveTextContent(
      retentionAnswers.answers[0].comment as string,
    );
    expect(within(q1).getByRole('status')).toHaveTextContent(
      "The team's answer was recorded.",
    );
  });

  it('names each answer form for its question, so that a screen reader tells the seven apart', async () => {
    await renderTeam();

    retentionDiagnostic.questions.forEach((question, i) => {
      expect(
        within(panel(question.id)).getByRole('form', {
          name: `The team's answer to question ${i + 1}`,
        }),
      ).toBeInTheDocument();
    });
  });

  it('shows a refusal from the backend in words', async () => {
    const api = mockMlopsApi({
      recordDiagnosticAnswer: jest.fn(async () => {
        throw await responseError(403, 'NotAllowedError');
      }),
    });
    await renderTeam(api);

    const q1 = panel('q1');
    fireEvent.click(within(q1).getByRole('radio', { name: 'Yes' }));
    fireEvent.click(
      within(q1).getByRole('button', { name: "Record the team's answer" }),
    );

    expect(await within(q1).findByRole('alert')).toHaveTextContent(
      "You may not answer for this team: only members of the team's group, or of a group above it, may record its answers. (NotAllowedError from the mlops backend)",
    );
    expect(q1).toHaveTextContent("The team's answer: not given yet");
  });

  it('offers no form to someone who may not answer', async () => {
    await renderTeam(
      mockMlopsApi({
        getDiagnostic: jest.fn(async () => ({
          ...retentionDiagnostic,
          canAnswer: false,
        })),
      }),
    );

    expect(
      within(panel('q1')).queryByRole('button', {
        name: "Record the team's answer",
      }),
    ).not.toBeInTheDocument();
    expect(panel('q1')).toHaveTextContent(
      "Members of the team's group, or of a group above it, may record the team's answer here.",
    );
  });

  it('fetches the diagnostic again when the period changes', async () => {
    const api = await renderTeam();

    fireEvent.click(
      screen.getByRole('button', { name: 'Diagnostic over 365 days' }),
    );

    await waitFor(() =>
      expect(api.getDiagnostic).toHaveBeenLastCalledWith({
        team: 'group:default/retention-analytics',
        days: 365,
      }),
    );
    expect(
      await screen.findByText('Delivery metrics of models, last 365 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Diagnostic over 365 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows the delivery metrics with their band in words', async () => {
    await renderTeam();

    const table = within(
      screen.getByTestId('mlops-diagnostic-delivery'),
    ).getByRole('table', { name: 'Delivery metrics of models' });
    expect(
      within(table).getByRole('row', { name: /Lead time/ }),
    ).toHaveTextContent(/64 days\s*High/);
    expect(
      within(table).getByRole('row', { name: /Model change failure rate/ }),
    ).toHaveTextContent(/20 %\s*Low/);
    expect(
      within(table).getByRole('row', { name: /Time to restore/ }),
    ).toHaveTextContent('Unknown: no drift alert ended in the window');
  });

  it('exports the CSV of the period shown', async () => {
    const api = await renderTeam();
    global.URL.createObjectURL = jest.fn(() => 'blob:csv');
    global.URL.revokeObjectURL = jest.fn();

    fireEvent.click(
      screen.getByRole('button', { name: 'Export the diagnostic as CSV' }),
    );

    await waitFor(() =>
      expect(api.getDiagnosticCsv).toHaveBeenCalledWith({
        team: 'group:default/retention-analytics',
        days: 90,
      }),
    );
  });

  it("shows the organisation's diagnostic without answers or a form", async () => {
    const api = mockMlopsApi();
    await renderWithMlops(<DiagnosticContent />, { api });

    await screen.findByTestId('mlops-diagnostic-q1');
    expect(api.getDiagnostic).toHaveBeenCalledWith({
      team: undefined,
      days: 90,
    });
    expect(
      screen.queryByRole('button', { name: "Record the team's answer" }),
    ).not.toBeInTheDocument();
    expect(panel('q1')).not.toHaveTextContent("The team's answer");
  });
});
