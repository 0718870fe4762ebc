/** The shapes of /v1/sla-policies and /v1/business-calendars. */
import { z } from '../zod.js';
import { CLOCKS, PRIORITIES } from '../../domain/case/contract.js';
import { DEFAULT_WARN_FRACTION, WARNING_CLOCKS } from '../../domain/case/warnings.js';
import { DEFAULT_REMIND_CUSTOMER_AFTER } from '../../domain/case/customer-wait.js';
import { MESSAGE_KINDS } from '../../domain/notifications/customer-messages.js';
import { validateCalendar } from '../../domain/calendar/index.js';
import { inputTime, isoDuration, ResourceName } from '../schemas.js';

const Window = z
  .tuple([
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
    z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM or 24:00'),
  ])
  .openapi({ minItems: 2, maxItems: 2 });
const localDate = z.iso.date();
/** A date's windows: a few per day keep a deadline's cost to the windows it crosses small. */
const Windows = z.array(Window).max(12);
const MAX_DATES = 1000;
export const CalendarBody = z
  .object({
    name: z.string().optional().openapi({ description: 'optional; must equal the name in the path' }),
    timeZone: z
      .string()
      .min(1)
      .openapi({ enum: ['UTC', ...Intl.supportedValuesOf('timeZone')], description: 'an IANA time zone' }),
    week: z.object({
      mon: Windows,
      tue: Windows,
      wed: Windows,
      thu: Windows,
      fri: Windows,
      sat: Windows,
      sun: Windows,
    }),
    holidays: z.array(localDate).max(MAX_DATES).default([]),
    specialDays: z
      .record(localDate, Windows)
      // The generator's types predate OpenAPI 3.1's propertyNames; the document carries it as given.
      .openapi({ propertyNames: { type: 'string', format: 'date' } } as never)
      .refine((d) => Object.keys(d).length <= MAX_DATES, { message: `at most ${MAX_DATES} special days` })
      .optional(),
  })
  .superRefine((cal, ctx) => {
    for (const message of validateCalendar({ name: 'x', ...cal })) ctx.addIssue({ code: 'custom', message });
  })
  .openapi('BusinessCalendarInput');

/** `respondOn`, `resolveOn`, …: the calendar one clock counts on instead of the policy's. */
const clockCalendars = Object.fromEntries(
  CLOCKS.map((c) => [
    `${c}On`,
    ResourceName.optional().openapi({
      description: `a calendar the ${c} clock counts on instead of the policy's ('24x7': round the clock)`,
    }),
  ]),
) as Record<`${(typeof CLOCKS)[number]}On`, z.ZodOptional<typeof ResourceName>>;

const WarnBefore = z
  .union([
    isoDuration,
    z
      .partialRecord(z.enum(WARNING_CLOCKS as [string, ...string[]]), isoDuration)
      .refine((o) => Object.keys(o).every((k) => (WARNING_CLOCKS as string[]).includes(k)), {
        message: `keys are clocks that warn: ${WARNING_CLOCKS.join(', ')} (rate never warns)`,
      }),
  ])
  .openapi({
    description:
      "how long before its deadline a clock warns: one ISO duration for every clock, or an object by clock ({respond: 'PT1H', resolve: 'P1D'}); days count as working days on the clock's calendar. A lead that reaches back to the clock's start moves to warnAtFraction",
  });

export const PolicyBody = z
  .object({
    name: z.string().optional().openapi({ description: 'optional; must equal the name in the path' }),
    calendar: z.string().min(1),
    respondWithin: isoDuration,
    resolveWithin: isoDuration,
    callbackWithin: isoDuration,
    rateWithin: isoDuration,
    findingsWithin: isoDuration.optional().openapi({
      description:
        "a department's preliminary findings after a transfer (the findings clock); absent: the transfer's findingsWithin, else P3D",
    }),
    ...clockCalendars,
    warnBefore: WarnBefore.optional(),
    warnAtFraction: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .openapi({
        description: `the share of a clock's budget after which it warns, for clocks with no warnBefore, and for those whose warnBefore would reach back to the clock's start (then ${DEFAULT_WARN_FRACTION} when absent)`,
      }),
    byPriority: z
      .partialRecord(
        z.enum(PRIORITIES),
        z
          .object({
            respondWithin: isoDuration.optional(),
            resolveWithin: isoDuration.optional(),
            callbackWithin: isoDuration.optional(),
            rateWithin: isoDuration.optional(),
            findingsWithin: isoDuration.optional(),
            ...clockCalendars,
          })
          .strict(),
      )
      .optional(),
    remindCustomerAfter: isoDuration
      .nullable()
      .optional()
      .openapi({
        description: `working time in pending_customer before the customer is reminded by mail; null: never; absent: ${DEFAULT_REMIND_CUSTOMER_AFTER}`,
      }),
    closeWithoutReplyAfter: isoDuration.nullable().optional().openapi({
      description:
        'working time in pending_customer after which the case is withdrawn ("no reply from the customer"); absent or null: never; must be longer than the reminder',
    }),
    notify: z.array(z.enum(MESSAGE_KINDS)).max(MESSAGE_KINDS.length).optional().openapi({
      description: "the notification kinds this policy's cases send; absent: the deployment's MAIL_EVENTS",
    }),
  })
  .strict()
  .openapi('SlaPolicyInput');

const Pause = z
  .object({ from: inputTime, to: inputTime })
  .refine((p) => Date.parse(p.from) <= Date.parse(p.to), {
    message: 'a pause must not end before it starts',
    path: ['to'],
  });
export const DueBody = z
  .object({
    from: inputTime,
    duration: isoDuration,
    pauses: z.array(Pause).max(100).optional(),
  })
  .strict();
