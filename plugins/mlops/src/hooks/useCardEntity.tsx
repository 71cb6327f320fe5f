import type { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isMLModelEntity,
  isMLMonitorEntity,
  isMLUseCaseEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  MlopsEntity,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';
import { KindMismatchPanel } from '../components/shared';

const IS_KIND: { [K in MlopsKind]: (entity: Entity) => boolean } = {
  MLUseCase: isMLUseCaseEntity,
  MLModel: isMLModelEntity,
  MLMonitor: isMLMonitorEntity,
};

/** What a card for one kind starts with, see {@link useCardEntity}. */
export type CardEntity<K extends MlopsKind> =
  | { entity: Extract<MlopsEntity, { kind: K }>; mismatch?: undefined }
  | { entity?: undefined; mismatch: JSX.Element };

/**
 * The entity of the page, typed as the kind the card shows; or, when the app
 * placed the card on another kind's page, the panel the card shows instead.
 *
 * @example
 * const { entity, mismatch } = useCardEntity('MLModel', 'Lineage');
 * if (mismatch) return mismatch;
 */
export function useCardEntity<K extends MlopsKind>(
  kind: K,
  cardTitle: string,
): CardEntity<K> {
  const { entity } = useEntity();
  if (IS_KIND[kind](entity)) {
    return { entity: entity as Extract<MlopsEntity, { kind: K }> };
  }
  return { mismatch: <KindMismatchPanel title={cardTitle} kind={kind} /> };
}
