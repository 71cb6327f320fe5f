import { FRAMEWORK_STAGES } from '../framework/stages';
import { DEFAULT_MATURITY_CHECKS } from '../maturity/defaultRubric';
import {
  criterionSource,
  defaultGateSignOff,
  GATE_DEFINITIONS,
} from './definitions';

describe('GATE_DEFINITIONS', () => {
  it('has one gate per framework stage whose criteria are its key steps, in order', () => {
    expect(GATE_DEFINITIONS.map(g => g.stage)).toEqual(
      FRAMEWORK_STAGES.map(s => s.id),
    );
    for (const gate of GATE_DEFINITIONS) {
      expect(gate.criteria.map(c => c.title)).toEqual(gate.keySteps);
    }
  });

  it('maps criteria only to checks of the default rubric for the kind, at the gate’s stage', () => {
    const checks = new Map(DEFAULT_MATURITY_CHECKS.map(c => [c.id, c]));
    for (const gate of GATE_DEFINITIONS) {
      for (const criterion of gate.criteria) {
        for (const [kind, checkId] of Object.entries(criterion.checks)) {
          const check = checks.get(checkId!);
          expect({ criterion: criterion.id, found: Boolean(check) }).toEqual({
            criterion: criterion.id,
            found: true,
          });
          expect(check!.kinds).toContain(kind);
        }
      }
    }
  });

  it('attests what the catalog cannot know', () => {
    const prototyping = GATE_DEFINITIONS[1];
    expect(
      prototyping.criteria.map(c => [
        c.id,
        criterionSource(c, 'MLModel').source,
      ]),
    ).toEqual([
      ['prototyping.exploratory-analysis', 'attestation'],
      ['prototyping.feature-engineering', 'attestation'],
      ['prototyping.build-and-registration', 'check'],
      ['prototyping.testing', 'check'],
      ['prototyping.data-privacy', 'attestation'],
    ]);
  });
});

describe('defaultGateSignOff', () => {
  it('asks the sponsor and owner for stages 1 and 2, the owner and the operations group for stage 3', () => {
    expect(defaultGateSignOff('group:default/platform-operations')).toEqual({
      strategy: [{ type: 'sponsor' }, { type: 'owner' }],
      prototyping: [{ type: 'owner' }, { type: 'sponsor' }],
      operationalisation: [
        { type: 'owner' },
        { type: 'group', ref: 'group:default/platform-operations' },
      ],
    });
  });
});
