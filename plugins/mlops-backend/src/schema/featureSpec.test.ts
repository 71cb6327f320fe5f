import { FEATURE_PATHS, featureSpec, isPathOf, Feature } from './featureSpec';
import { spec } from './openapi.generated';

describe('featureSpec', () => {
  const features = Object.keys(FEATURE_PATHS) as Feature[];

  it('gives each route of the spec to exactly one feature', () => {
    const owners = Object.keys(spec.paths).map(path => [
      path,
      features.filter(feature => isPathOf(feature, path)),
    ]);
    expect(owners.filter(([, of]) => of.length !== 1)).toEqual([]);
  });

  it('keeps the whole document but the other features’ paths', () => {
    const value = featureSpec('value');
    expect(Object.keys(value.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .filter(path => path.startsWith('/value'))
        .sort(),
    );
    expect(value.components).toBe(spec.components);
    expect(Object.keys(featureSpec('drift').paths)).not.toContain(
      '/drift/sources/dry-run',
    );
  });
});
