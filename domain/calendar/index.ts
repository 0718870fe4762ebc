export {
  type Weekday,
  type TimeWindow,
  type BusinessCalendar,
  type Interval,
  CALENDAR_24X7,
  validateCalendar,
  firstWorkingInstant,
} from './calendar.js';
export { type SlaDuration, parseSlaDuration, SLA_DURATION_PATTERN } from './duration.js';
export { slaBudget, instantAfterWorkingTime, computeDue, workingTimeBetween } from './deadline.js';
export * from './bounds.js';
