import { defaultMaturityRubric } from './defaultRubric';
import { levelName } from './rubric';

describe('levelName', () => {
  it('names a level as the rubric does, and falls back to its number', () => {
    expect(levelName(defaultMaturityRubric, 2)).toBe('Automated training');
    expect(
      levelName(
        { levels: [{ level: 4, name: 'Autopilot', description: '' }] },
        3,
      ),
    ).toBe('Level 3');
  });
});
