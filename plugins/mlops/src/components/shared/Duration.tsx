import { formatDuration } from './format';

/** A duration as people read it ("daily"), with the ISO 8601 value on hover. */
export function Duration(props: { value: string }) {
  return <span title={props.value}>{formatDuration(props.value)}</span>;
}
