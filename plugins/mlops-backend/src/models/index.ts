export { setUpModelHistory, MODEL_HISTORY_TASK_ID } from './setUpModelHistory';
export type { ModelHistoryStore, ModelHistoryEntry } from './ModelHistoryStore';
