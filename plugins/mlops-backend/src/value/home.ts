import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckInDue,
  DriftAlerts,
  EntityGates,
  frameworkStage,
  GATED_KINDS,
  isMLModelEntity,
  isMLUseCaseEntity,
  MLUseCaseEntityV1alpha1,
  nextCheckInDue,
  RELATION_USE_CASE_IMPLEMENTED_BY,
  SignOffAwaiting,
  SponsorHome,
  ValueAtRisk,
} from '@mlightenment/backstage-plugin-mlops-common';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import { isoDay } from './view';
import type { ValueService } from './ValueService';

/** What the home reads from the other features. */
export interface SponsorHomeDeps {
  catalog: CatalogService;
  userInfo: UserInfoService;
  value: Pick<ValueService, 'currentKpis' | 'summaries'>;
  gates: {
    getGates(ref: string, c: BackstageCredentials): Promise<EntityGates>;
  };
  drift: { alerts(c: BackstageCredentials): Promise<DriftAlerts> };
  /** The latest result of a check for an entity, if evaluated. */
  checkOutcome(entityRef: string, checkId: string): Promise<string | undefined>;
  /** The groups `mlops.gates.signOff` names: their members may sign any gate. */
  signOffGroups: readonly string[];
  clock?: () => Date;
}

const sponsorOf = (useCase: MLUseCaseEntityV1alpha1) =>
  useCase.spec.sponsor
    ? normalizeRef(useCase.spec.sponsor, { defaultKind: 'User' })
    : undefined;

/**
 * The signed-in person's home: the use cases they sponsor or own, the
 * gates waiting for their sign-off, the check-ins due, and the value at
 * risk (a KPI off track while a model of its use case is in drift alert or
 * fails its acceptance criteria). Everything is read with their
 * credentials, so only what they may read appears.
 */
export async function sponsorHome(
  deps: SponsorHomeDeps,
  credentials: BackstageCredentials,
): Promise<SponsorHome> {
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new InputError('The home is for a signed-in user');
  }
  const info = await deps.userInfo.getUserInfo(credentials);
  const claims = new Set(info.ownershipEntityRefs.map(r => r.toLowerCase()));
  const { items } = await deps.catalog.getEntities(
    { filter: { kind: [...GATED_KINDS] } },
    { credentials },
  );
  const useCases = items.filter(isMLUseCaseEntity);
  const models = items.filter(isMLModelEntity);
  const owned = (e: Entity) => claims.has(ownerRefOf(e)?.toLowerCase() ?? '');
  const mine = useCases.filter(u => {
    const sponsor = sponsorOf(u);
    return (sponsor !== undefined && claims.has(sponsor)) || owned(u);
  });
  const mineRefs = new Set(mine.map(refOf));

  // Gates: of what they sponsor or own (and its models), or every gate when
  // they belong to a configured sign-off group.
  const signsAll = deps.signOffGroups.some(g => claims.has(g.toLowerCase()));
  const modelsOf = (useCase: Entity) =>
    new Set(
      (useCase.relations ?? [])
        .filter(r => r.type === RELATION_USE_CASE_IMPLEMENTED_BY)
        .map(r => r.targetRef.toLowerCase()),
    );
  const mineModelRefs = new Set(mine.flatMap(u => [...modelsOf(u)]));
  const candidates = signsAll
    ? [...useCases, ...models]
    : [...mine, ...models.filter(m => owned(m) || mineModelRefs.has(refOf(m)))];
  const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;
  const awaitingSignOff: SignOffAwaiting[] = [];
  for (const entity of candidates) {
    const gates = await deps.gates.getGates(refOf(entity), credentials);
    for (const gate of gates.stages) {
      if (gate.state !== 'ready-for-review') continue;
      const open = gate.signOff.find(s => s.yours && !s.decision);
      if (!open) continue;
      const stage = frameworkStage(gate.stage);
      awaitingSignOff.push({
        entityRef: gates.entityRef,
        title: titleOf(entity),
        stage: gate.stage,
        stageTitle: `Stage ${stage.number} · ${stage.shortTitle}`,
        role: open.id,
        ...(gate.enteredAt ? { since: gate.enteredAt } : {}),
      });
    }
  }

  const kpisOf = await deps.value.currentKpis(mine);
  const today = isoDay(deps.clock?.() ?? new Date());
  const checkInsDue: CheckInDue[] = [];
  for (const useCase of mine) {
    for (const kpi of kpisOf.get(refOf(useCase)) ?? []) {
      const base = {
        entityRef: refOf(useCase),
        title: titleOf(useCase),
        kpiId: kpi.id,
        kpi: kpi.kpi,
      };
      if (!kpi.latest) {
        if (useCase.spec.lifecycle === 'production') {
          checkInsDue.push({ ...base, state: 'no-data' });
        }
        continue;
      }
      const dueOn = nextCheckInDue(kpi.cadence, kpi.latest.periodEnd);
      if (kpi.status === 'overdue') {
        checkInsDue.push({ ...base, state: 'overdue', dueOn });
      } else if (dueOn <= today) {
        checkInsDue.push({ ...base, state: 'due', dueOn });
      }
    }
  }

  const alerts = await deps.drift.alerts(credentials);
  const inAlert = new Map(
    alerts.models
      .filter(m => m.state === 'alert')
      .map(m => [m.entityRef.toLowerCase(), m.title]),
  );
  const valueAtRisk: ValueAtRisk[] = [];
  for (const useCase of mine) {
    const troubled = [];
    for (const modelRef of modelsOf(useCase)) {
      if (inAlert.has(modelRef)) {
        troubled.push(`${inAlert.get(modelRef)} is in drift alert`);
      }
      const acceptance = await deps.checkOutcome(
        modelRef,
        'model.acceptance-criteria-met',
      );
      if (acceptance === 'failed') {
        troubled.push(`${modelRef} fails the use case's acceptance criteria`);
      }
    }
    if (!troubled.length) continue;
    for (const kpi of kpisOf.get(refOf(useCase)) ?? []) {
      const worse =
        kpi.status === 'off-track' ||
        (kpi.progress !== undefined && kpi.progress < 0);
      if (!worse) continue;
      valueAtRisk.push({
        entityRef: refOf(useCase),
        title: titleOf(useCase),
        kpiId: kpi.id,
        kpi: kpi.kpi,
        status: kpi.status,
        ...(kpi.progress !== undefined ? { progress: kpi.progress } : {}),
        reasons: troubled,
      });
    }
  }

  return {
    userRef: info.userEntityRef.toLowerCase(),
    useCases: (await deps.value.summaries(mine)).filter(s =>
      mineRefs.has(s.entityRef),
    ),
    awaitingSignOff,
    checkInsDue,
    valueAtRisk,
  };
}
