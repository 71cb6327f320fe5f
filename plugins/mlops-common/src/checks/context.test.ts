import {
  contextOf,
  model,
  monitor,
  performanceMonitor,
  useCase,
} from '../__testUtils__/entities';
import { RELATION_MODEL_MONITORED_BY } from '../kinds/relations';
import { CatalogSnapshot } from './context';

describe('CatalogSnapshot', () => {
  it('finds an entity by full, mixed-case and short references', () => {
    const churn = useCase();
    const snapshot = new CatalogSnapshot([churn]);
    const name = churn.metadata.name;
    expect(snapshot.get(`mlusecase:default/${name}`)).toBe(churn);
    expect(snapshot.get(`MLUseCase:default/${name}`)).toBe(churn);
    expect(snapshot.get(name, 'MLUseCase')).toBe(churn);
    expect(snapshot.get(name)).toBeUndefined();
    expect(snapshot.get('mlusecase:default/nowhere')).toBeUndefined();
  });
});

describe('createCheckContext', () => {
  it('gives every caller of related its own list of the related entities', () => {
    const context = contextOf(model(), [monitor(), performanceMonitor()]);
    const first = context.related(RELATION_MODEL_MONITORED_BY);
    expect(first.map(m => m.metadata.name).sort()).toEqual(
      [monitor().metadata.name, performanceMonitor().metadata.name].sort(),
    );
    // A check that changes its list does not change what the next one reads.
    first.length = 0;
    expect(context.related(RELATION_MODEL_MONITORED_BY)).toHaveLength(2);
    expect(context.related('noSuchRelation')).toEqual([]);
  });
});
