import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';
import { useFocusRing } from './focusRing';

/** The periods a person can choose for trends and changes, in days. */
export const PERIODS = [30, 90, 365] as const;

/** One of {@link PERIODS}. */
export type Period = (typeof PERIODS)[number];

/** A row of buttons of which one is chosen, marked with `aria-pressed`. */
function ChoiceButtons<T>(props: {
  label: string;
  choices: readonly { value: T; text: string; name?: string }[];
  value: T;
  onChange(value: T): void;
}) {
  const focusRing = useFocusRing();
  return (
    <ButtonGroup
      size="small"
      aria-label={props.label}
      role="group"
      className={focusRing.root}
    >
      {props.choices.map(choice => {
        const chosen = choice.value === props.value;
        return (
          <Button
            key={choice.text}
            aria-label={choice.name}
            aria-pressed={chosen}
            variant={chosen ? 'contained' : 'outlined'}
            color={chosen ? 'primary' : 'default'}
            onClick={() => props.onChange(choice.value)}
          >
            {choice.text}
          </Button>
        );
      })}
    </ButtonGroup>
  );
}

/**
 * Chooses the period of trends and changes: 30, 90 or 365 days. A second
 * row of periods on a page names its buttons for what it filters (subject
 * "Diagnostic": the group "Diagnostic period", the buttons "Diagnostic over
 * 30 days"), so that they differ from the page's.
 */
export function PeriodButtons(props: {
  value: Period;
  onChange(value: Period): void;
  subject?: string;
}) {
  const { subject } = props;
  return (
    <ChoiceButtons
      label={subject ? `${subject} period` : 'Period'}
      choices={PERIODS.map(days => ({
        value: days,
        text: `${days} days`,
        name: subject ? `${subject} over ${days} days` : undefined,
      }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

const KIND_CHOICES: { value: MlopsKind | undefined; text: string }[] = [
  { value: undefined, text: 'All kinds' },
  { value: 'MLUseCase', text: 'Use cases' },
  { value: 'MLModel', text: 'Models' },
  { value: 'MLMonitor', text: 'Monitors' },
];

/** Chooses the kind of entities a roll-up covers, or all of them. */
export function KindButtons(props: {
  value: MlopsKind | undefined;
  onChange(value: MlopsKind | undefined): void;
}) {
  return (
    <ChoiceButtons
      label="Kind"
      choices={KIND_CHOICES}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
