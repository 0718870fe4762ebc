/** An opening as the API makes it, for tests that drive the domain and the projection directly. */
import { CALENDAR_24X7 } from '../../domain/calendar/index.js';
import type { OpenCaseInput } from '../../domain/case/types.js';

export function caseInput(id: string, overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    id,
    number: `CS-T-${id}`,
    type: 'complaint',
    channel: 'api',
    subject: 'Router keeps rebooting',
    description: 'Since the firmware update',
    customer: { id: `cust-${id}`, name: 'Wang Fang', tier: 'standard' },
    classification: { priority: 'normal', level: 1, reasons: [] },
    sla: {
      name: 'test',
      calendar: CALENDAR_24X7,
      respondWithin: 'PT4H',
      resolveWithin: 'P2D',
      callbackWithin: 'P1D',
      rateWithin: 'P5D',
    },
    openedBy: 'integrator:test',
    receivedAt: new Date().toISOString(),
    ...overrides,
  };
}
