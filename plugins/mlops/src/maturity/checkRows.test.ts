import { churnGbmScorecard, rubric } from '../__testUtils__/maturityFixtures';
import { checkRows } from './checkRows';

describe('checkRows', () => {
  it("leaves out the checks of other kinds, keeping the entity's own", () => {
    const rows = checkRows(churnGbmScorecard, rubric);
    const useCaseCheck = rubric.checks.find(c =>
      c.kinds.every(k => k === 'MLUseCase'),
    )!;
    expect(churnGbmScorecard.results.map(r => r.checkId)).toContain(
      useCaseCheck.id,
    );
    expect(rows.map(r => r.result.checkId)).not.toContain(useCaseCheck.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(r => r.check?.kinds.includes('MLModel'))).toBe(true);
  });
});
