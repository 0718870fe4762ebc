/**
 * The bench's measurements, one file per phase; run.ts calls them in order on one stack
 * (seed, warm-up, scale, ceiling, creation, raw updates, baseline accepts, accepts, breach, history).
 */
export { type Measured } from './common.js';
export { seed } from './seed.js';
export { churn } from './warmup.js';
export { ceiling } from './ceiling.js';
export { creations, type BaselineCreation, type OurCreation } from './creation.js';
export { type ActionMeasured } from './action-timing.js';
export { rawUpdates } from './raw-updates.js';
export { baselineAccepts } from './baseline-accepts.js';
export { apiAccepts } from './accepts.js';
export { breaches, type BreachResult } from './breach.js';
export { historyCost, type HistoryResult } from './history.js';
export { scaleCheckpoint, type ScaleCheckpoint } from './scale.js';
