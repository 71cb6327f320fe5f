export * from './useCase';
export * from './model';
export * from './monitor';
export type { MlopsCardProps } from './shared';
