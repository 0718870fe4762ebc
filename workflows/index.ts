// The worker's workflow bundle entry: every workflow type the case task queue runs.
export { caseWorkflow } from './case.js';
export { retentionSweep } from './retention.js';
