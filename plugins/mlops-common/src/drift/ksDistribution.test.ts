import { kolmogorovSurvival } from './ksDistribution';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('kolmogorovSurvival', () => {
  it.each(vectors.kolmogorovSurvival.map(v => [v.n, v.x, v.sf] as const))(
    'agrees with scipy.stats.kstwo.sf at n=%d, x=%f',
    (n, x, sf) => {
      expect(relativeError(kolmogorovSurvival(n, x), sf)).toBeLessThanOrEqual(
        RELATIVE_TOLERANCE,
      );
    },
  );
});
