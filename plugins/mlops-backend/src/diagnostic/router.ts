import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type { AdoptionDiagnostic } from '@mlightenment/backstage-plugin-mlops-common';
import type { Request, Response } from 'express';
import { featureSpec } from '../schema/featureSpec';
import { toCsv } from '../shared/csv';
import type { DiagnosticService } from './DiagnosticService';

export interface DiagnosticRouterOptions {
  service: DiagnosticService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/** One row of the CSV export: an indicator of a question, or a delivery metric. */
type CsvRow = {
  section: string;
  title: string;
  verdict: string;
  teamAnswer?: string;
  teamComment?: string;
  indicator: string;
  label: string;
  value: number | null;
  unit: string;
  judgement: string;
  evidenceCount: number;
  formula: string;
};

const COLUMNS: ReadonlyArray<keyof CsvRow> = [
  'section',
  'title',
  'verdict',
  'teamAnswer',
  'teamComment',
  'indicator',
  'label',
  'value',
  'unit',
  'judgement',
  'evidenceCount',
  'formula',
];

function csvRows(diagnostic: AdoptionDiagnostic): CsvRow[] {
  return [
    ...diagnostic.questions.flatMap(q =>
      q.indicators.map(i => ({
        section: q.id,
        title: q.title,
        verdict: q.verdict,
        teamAnswer: q.answer?.answer,
        teamComment: q.answer?.comment,
        indicator: i.id,
        label: i.label,
        value: i.value,
        unit: i.unit,
        judgement: i.signal,
        evidenceCount: i.evidence.reduce((n, e) => n + e.count, 0),
        formula: i.formula,
      })),
    ),
    ...diagnostic.delivery.map(d => ({
      section: 'delivery',
      title: 'Delivery metrics of models',
      verdict: '',
      indicator: d.id,
      label: d.label,
      value: d.value,
      unit: d.unit,
      judgement: d.band ?? 'unknown',
      evidenceCount: d.sampleSize,
      formula: d.formula,
    })),
  ];
}

/** The adoption diagnostic's routes, validated against diagnostic.openapi.yaml. */
export function createDiagnosticRouter(options: DiagnosticRouterOptions) {
  const { service, httpAuth, auditor } = options;
  const router = createValidatedOpenApiRouter(featureSpec('diagnostic'), {
    validatorOptions: {
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
  });
  const userOrService = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const teamRef = (params: { namespace: string; name: string }) =>
    `group:${params.namespace}/${params.name}`.toLowerCase();
  const send = (
    res: Response,
    diagnostic: AdoptionDiagnostic,
    format: string | undefined,
    name: string,
  ) => {
    if (format === 'csv') {
      // The typed response describes the JSON variant; the CSV is a string.
      res
        .type('text/csv')
        .attachment(`${name}-adoption-diagnostic.csv`)
        .end(
          toCsv(
            COLUMNS.map(column => ({
              header: column,
              value: (row: CsvRow) => row[column],
            })),
            csvRows(diagnostic),
          ),
        );
      return;
    }
    res.json(diagnostic);
  };

  router.get('/diagnostic', async (req, res) => {
    const diagnostic = await service.getDiagnostic(
      { days: req.query.days },
      await userOrService(req),
    );
    send(res, diagnostic, req.query.format, 'organisation');
  });

  router.get('/diagnostic/teams/:namespace/:name', async (req, res) => {
    const diagnostic = await service.getDiagnostic(
      { teamRef: teamRef(req.params), days: req.query.days },
      await userOrService(req),
    );
    send(res, diagnostic, req.query.format, req.params.name);
  });

  router.post(
    '/diagnostic/teams/:namespace/:name/answers',
    async (req, res) => {
      const team = teamRef(req.params);
      const event = await auditor.createEvent({
        eventId: 'diagnostic-answer',
        severityLevel: 'low',
        request: req,
        meta: {
          teamRef: team,
          question: req.body.question,
          answer: req.body.answer,
        },
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const answers = await service.recordAnswer(team, req.body, credentials);
        await event.success();
        res.status(201).json(answers);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  return router;
}
