export { createDemoGateHistoryModule, demoGateHistoryModule } from './module';
export { DEMO_GATE_HISTORY } from './history';
export type { DemoGateStep, DemoGateTrail } from './history';
