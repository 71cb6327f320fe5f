export { ValueCard } from './ValueCard';
export type { ValueCardProps } from './ValueCard';
export { ValueContent } from './ValueContent';
export type { ValueContentProps } from './ValueContent';
