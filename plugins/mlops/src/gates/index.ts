export { StageGateContent } from './GateContent';
export type { StageGateContentProps } from './GateContent';
export { CurrentStage } from './CurrentStage';
export { GateFunnelSection } from './GateFunnelSection';
export { stageTabTitle, stageTitle } from './format';
