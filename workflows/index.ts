// The workers' workflow bundle entry: every workflow type the case and webhook task queues run.
export { caseWorkflow } from './case.js';
export { incidentWorkflow } from './incident.js';
export { retentionSweep } from './retention.js';
export { webhookDelivery } from './webhooks.js';
export { mailDelivery, mailOutbox } from './mail.js';
