import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  FrameworkStageId,
  GATED_KINDS,
  GatedKind,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Request } from 'express';
import { featureSpec } from '../schema/featureSpec';
import { auditCsv } from './audit';
import type { GateFunnelReader } from './funnel';
import type { GateService } from './GateService';

export interface GateRouterOptions {
  service: GateService;
  funnel: GateFunnelReader;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/** The entity reference a gate route names; a 400 naming the kind otherwise. */
function gatedRefOf(params: { kind: string; namespace: string; name: string }) {
  const kind = GATED_KINDS.find(
    k => k.toLowerCase() === params.kind.toLowerCase(),
  );
  if (!kind) {
    throw new InputError(
      `Invalid kind "${params.kind}": stage gates are for ${GATED_KINDS.join(
        ' and ',
      )}`,
    );
  }
  return stringifyEntityRef({
    kind,
    namespace: params.namespace,
    name: params.name,
  }).toLowerCase();
}

/** The stage gate routes, validated against gates.openapi.yaml. */
export function createGateRouter(options: GateRouterOptions) {
  const { service, funnel, httpAuth, auditor } = options;
  const router = createValidatedOpenApiRouter(featureSpec('gates'), {
    validatorOptions: {
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
  });

  const userOrService = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/gates/funnel', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      await funnel(
        { kind: req.query.kind as GatedKind | undefined },
        credentials,
      ),
    );
  });

  router.get('/gates/:kind/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(await service.getGates(gatedRefOf(req.params), credentials));
  });

  router.get('/gates/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await userOrService(req);
    const audit = await service.getAudit(gatedRefOf(req.params), credentials);
    if (req.query.format === 'csv') {
      const file = audit.entityRef.replace(/[:/]/g, '-');
      // The typed response describes the JSON variant; the CSV is a string.
      res
        .type('text/csv')
        .attachment(`${file}-gate-audit.csv`)
        .end(auditCsv(audit.records));
      return;
    }
    res.json(audit);
  });

  router.post(
    '/gates/:kind/:namespace/:name/:stage/decisions',
    async (req, res) => {
      const entityRef = gatedRefOf(req.params);
      const stage = req.params.stage as FrameworkStageId;
      const event = await auditor.createEvent({
        eventId: 'gate-decision',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, stage, decision: req.body.decision },
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const gate = await service.recordDecision(
          entityRef,
          stage,
          req.body,
          credentials,
        );
        const recorded = gate.decisions[0];
        await event.success({
          meta: {
            decisionId: recorded.id,
            role: recorded.role,
            by: recorded.by,
            entityHash: recorded.entityHash,
            revision: gate.revision,
            state: gate.state,
          },
        });
        res.status(201).json(gate);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post(
    '/gates/:kind/:namespace/:name/:stage/attestations',
    async (req, res) => {
      const entityRef = gatedRefOf(req.params);
      const stage = req.params.stage as FrameworkStageId;
      const event = await auditor.createEvent({
        eventId: 'gate-attestation',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, stage, criterion: req.body.criterion },
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const gate = await service.recordAttestation(
          entityRef,
          stage,
          req.body,
          credentials,
        );
        await event.success({
          meta: { revision: gate.revision, state: gate.state },
        });
        res.status(201).json(gate);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  return router;
}
