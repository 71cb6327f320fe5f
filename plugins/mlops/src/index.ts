/**
 * Entity cards and tabs for ML use cases, ML models and model monitors, for
 * the legacy frontend system. The new frontend system plugin is the default
 * export of `@mlightenment/backstage-plugin-mlops/alpha`.
 *
 * @packageDocumentation
 */

export * from './plugin';
export * from './api';
export type { MaturityContentProps, MaturityCardProps } from './maturity';
export type { MlopsCardProps } from './components';
export type { DriftHealthCardProps, DriftContentProps } from './drift';
export type { StageGateContentProps } from './gates';
export type { ValueCardProps, ValueContentProps } from './value';
export {
  isMLUseCaseEntity,
  isMLModelEntity,
  isMLMonitorEntity,
  isMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
