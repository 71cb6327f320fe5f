import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * Shown instead of a card placed on an entity of the wrong kind, which is a
 * wiring mistake in the app rather than a problem with the entity.
 */
export function KindMismatchPanel(props: { title: string; kind: MlopsKind }) {
  const { entity } = useEntity();
  return (
    <WarningPanel
      title={`The ${props.title} card shows ${props.kind} entities only`}
      message={`This entity is a ${entity.kind}. Show the card only for ${props.kind} entities, e.g. inside <EntitySwitch.Case if={is${props.kind}Entity}>.`}
    />
  );
}
