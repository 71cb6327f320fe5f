import { model } from './__testUtils__/validEntities';
import {
  lookalikeMlopsKindProblem,
  unsupportedMlopsEntityProblem,
} from './envelope';

describe('entities of no MLightenment kind', () => {
  it('names an ML kind written under the apiVersion of a Backstage kind', () => {
    expect(
      unsupportedMlopsEntityProblem({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toEqual({
      path: 'apiVersion',
      message:
        '"backstage.io/v1alpha1" is not the apiVersion of MLModel; write "mlightenment.io/v1alpha1"',
    });
  });

  it('leave other groups and kinds to their own processors', () => {
    const component = {
      ...model,
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
    };
    expect(unsupportedMlopsEntityProblem(component)).toBeUndefined();
    expect(lookalikeMlopsKindProblem(component)).toBeUndefined();
  });

  it('can be recognised as a misspelt ML kind before commit', () => {
    expect(
      lookalikeMlopsKindProblem({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'MLModle',
      }),
    ).toEqual({
      path: 'kind',
      message:
        '"MLModle" is not a known kind; did you mean "MLModel"? (apiVersion "mlightenment.io/v1alpha1")',
    });
    expect(
      lookalikeMlopsKindProblem({ ...model, kind: 'MLFlowExperiment' }),
    ).toBeUndefined();
  });
});
