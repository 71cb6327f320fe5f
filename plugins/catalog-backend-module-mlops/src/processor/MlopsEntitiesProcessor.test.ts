import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { MlopsEntitiesProcessor } from './MlopsEntitiesProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new MlopsEntitiesProcessor().postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return emitted.map(result => {
    if (result.type !== 'relation')
      throw new Error(`unexpected ${result.type}`);
    const { source, type, target } = result.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

describe('MlopsEntitiesProcessor', () => {
  const processor = new MlopsEntitiesProcessor();

  it('claims the three ML kinds and nothing else', async () => {
    const model = {
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'm' },
      spec: {
        owner: 'team-a',
        useCase: 'uc',
        lifecycle: 'production',
        type: 'classification',
      },
    };
    await expect(processor.validateEntityKind(model)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'c' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it('rejects an invalid ML entity with the field path in the error', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'mlightenment.io/v1alpha1',
        kind: 'MLMonitor',
        metadata: { name: 'mon' },
        spec: { owner: 'team-a', model: 'm', type: 'data-drift', features: [] },
      }),
    ).rejects.toThrow(
      'Invalid MLMonitor entity mlmonitor:default/mon: spec.features must list at least 1 item, got 0',
    );
  });

  it('rejects two KPIs of a use case with the same id, naming the driver', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'mlightenment.io/v1alpha1',
        kind: 'MLUseCase',
        metadata: { name: 'uc' },
        spec: {
          owner: 'team-a',
          lifecycle: 'production',
          businessDrivers: [
            { driver: 'Keep', kpi: 'Churn rate', baseline: 3, target: 2 },
            { driver: 'Keep more', kpi: 'churn-rate', baseline: 3, target: 2 },
          ],
        },
      }),
    ).rejects.toThrow(
      'Invalid MLUseCase entity mlusecase:default/uc: spec.businessDrivers[1].id repeats "churn-rate" (derived from the kpi), the id of spec.businessDrivers[0]',
    );
  });

  it('names a misspelt root field before the catalog checks the envelope', async () => {
    const entity = {
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'm' },
      specs: { owner: 'team-a' },
    };
    await expect(processor.preProcessEntity(entity)).rejects.toThrow(
      'Invalid MLModel entity mlmodel:default/m: specs is not a known field; did you mean "spec"?',
    );
    const component = { ...entity, apiVersion: 'backstage.io/v1alpha1' };
    await expect(processor.preProcessEntity(component)).resolves.toBe(
      component,
    );
  });

  it('names a misspelt kind of the mlightenment.io group instead of leaving it unknown', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'mlightenment.io/v1alpha1',
        kind: 'MLModle',
        metadata: { name: 'm' },
        spec: {},
      }),
    ).rejects.toThrow(
      'Invalid MLModle entity mlmodle:default/m: kind "MLModle" is not a kind of mlightenment.io/v1alpha1; did you mean "MLModel"? (kinds: MLUseCase, MLModel, MLMonitor)',
    );
  });

  it('names the apiVersion of an ML kind copied from a Backstage kind', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'm' },
        spec: {},
      }),
    ).rejects.toThrow(
      'Invalid MLModel entity mlmodel:default/m: apiVersion "backstage.io/v1alpha1" is not the apiVersion of MLModel; write "mlightenment.io/v1alpha1"',
    );
  });

  it('names an unsupported version of the mlightenment.io group', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'mlightenment.io/v1beta1',
        kind: 'MLModel',
        metadata: { name: 'm' },
        spec: {},
      }),
    ).rejects.toThrow(
      'apiVersion "mlightenment.io/v1beta1" is not supported; MLModel entities use "mlightenment.io/v1alpha1"',
    );
  });

  it('emits model relations in both directions, with default kinds and the entity namespace', async () => {
    const relations = await relationsOf({
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'churn-gbm', namespace: 'retail' },
      spec: {
        owner: 'retention',
        useCase: 'churn-prevention',
        lifecycle: 'production',
        type: 'classification',
        dependsOn: ['subscriber-events', 'resource:default/crm'],
        servedBy: ['churn-scoring', 'api:churn-api'],
      },
    });
    expect(relations).toEqual([
      'MLModel:retail/churn-gbm ownedBy group:retail/retention',
      'group:retail/retention ownerOf MLModel:retail/churn-gbm',
      'MLModel:retail/churn-gbm implementsUseCase mlusecase:retail/churn-prevention',
      'mlusecase:retail/churn-prevention useCaseImplementedBy MLModel:retail/churn-gbm',
      'MLModel:retail/churn-gbm dependsOn resource:retail/subscriber-events',
      'resource:retail/subscriber-events dependencyOf MLModel:retail/churn-gbm',
      'MLModel:retail/churn-gbm dependsOn resource:default/crm',
      'resource:default/crm dependencyOf MLModel:retail/churn-gbm',
      'MLModel:retail/churn-gbm servedBy component:retail/churn-scoring',
      'component:retail/churn-scoring servesModel MLModel:retail/churn-gbm',
      'MLModel:retail/churn-gbm servedBy api:retail/churn-api',
      'api:retail/churn-api servesModel MLModel:retail/churn-gbm',
    ]);
  });

  it('emits use-case sponsor, system and domain relations', async () => {
    const relations = await relationsOf({
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLUseCase',
      metadata: { name: 'uc' },
      spec: {
        owner: 'user:ana',
        sponsor: 'maria',
        lifecycle: 'production',
        system: 'crm',
        domain: 'retail',
      },
    });
    expect(relations).toEqual([
      'MLUseCase:default/uc ownedBy user:default/ana',
      'user:default/ana ownerOf MLUseCase:default/uc',
      'MLUseCase:default/uc sponsoredBy user:default/maria',
      'user:default/maria sponsorOf MLUseCase:default/uc',
      'MLUseCase:default/uc partOf system:default/crm',
      'system:default/crm hasPart MLUseCase:default/uc',
      'MLUseCase:default/uc partOf domain:default/retail',
      'domain:default/retail hasPart MLUseCase:default/uc',
    ]);
  });

  it('emits monitor relations to its model and to the alerted groups', async () => {
    const relations = await relationsOf({
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLMonitor',
      metadata: { name: 'mon' },
      spec: {
        owner: 'ops',
        model: 'churn-gbm',
        type: 'data-drift',
        features: [
          {
            name: 'f',
            type: 'numerical',
            statistic: 'psi',
            warning: 0.1,
            alert: 0.2,
          },
        ],
        alerting: { notify: ['retention', 'user:maria'] },
      },
    });
    expect(relations).toEqual([
      'MLMonitor:default/mon ownedBy group:default/ops',
      'group:default/ops ownerOf MLMonitor:default/mon',
      'MLMonitor:default/mon monitorsModel mlmodel:default/churn-gbm',
      'mlmodel:default/churn-gbm modelMonitoredBy MLMonitor:default/mon',
      'MLMonitor:default/mon alerts group:default/retention',
      'group:default/retention alertedBy MLMonitor:default/mon',
      'MLMonitor:default/mon alerts user:default/maria',
      'user:default/maria alertedBy MLMonitor:default/mon',
    ]);
  });

  it('leaves other kinds alone', async () => {
    await expect(
      relationsOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'c' },
        spec: { owner: 'x' },
      }),
    ).resolves.toEqual([]);
  });
});
