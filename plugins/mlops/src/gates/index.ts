export { StageGateContent } from './GateContent';
export type { StageGateContentProps } from './GateContent';
export { CurrentStage } from './CurrentStage';
export { GateFunnelSection } from './GateFunnelSection';
export { gateTabPath, stageTabTitle, stageTitle } from './format';
