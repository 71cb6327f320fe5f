import { validateMlopsEntity } from '@mlightenment/backstage-plugin-mlops-common';
import * as fixtures from './fixtures';

// The cards are specified against these entities, so they must be entities
// the catalog would accept.
describe('the test fixtures', () => {
  it.each(
    Object.entries(fixtures).filter(
      ([, entity]) => entity.apiVersion === 'mlightenment.io/v1alpha1',
    ),
  )('%s is a valid ML entity', (_name, entity) => {
    expect(validateMlopsEntity(entity as any)).toEqual([]);
  });
});
