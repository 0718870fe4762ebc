/**
 * The OpenAPI document exactly as the API serves it, built without a server, database or Temporal:
 * the route declarations only close over their dependencies, so inert stand-ins do, and a
 * stand-in that is used after all throws (the document must not depend on any data). The build
 * generates the typed client (clients/typescript) from it.
 */
import pino from 'pino';
import { createApp, type AppDeps } from '../api/app.js';

const inert = <T>(name: string): T =>
  new Proxy(
    {},
    {
      get: (_target, prop) => {
        // Checked by `await` and by promise libraries: say this is no promise.
        if (prop === 'then') return undefined;
        throw new Error(`${name}.${String(prop)} was used while building the OpenAPI document`);
      },
    },
  ) as T;

/** The document of an API with every optional part on (customer links), as production serves it. */
export function openApiDocument(): ReturnType<typeof createApp>['document'] {
  const deps: AppDeps = {
    db: inert('db'),
    logger: pino({ enabled: false }),
    readiness: async () => ({}),
    temporal: { client: inert('client'), taskQueue: 'cases', updateTimeoutMs: 1 },
    cases: { fourEyes: true },
    console: {},
    security: {
      keys: inert('keys'),
      personalData: inert('personalData'),
      codec: inert('codec'),
      codecCorsOrigins: [],
      rateLimits: {
        perKeyPerMinute: 1,
        perAddressPerMinute: 1,
        refusalDelayMs: 0,
        // The longest a timer waits: the shared rate limiter never syncs (its timer does not hold the process).
        syncMs: 2 ** 31 - 1,
      },
    },
    webhooks: { wakeDeliveries: async () => {}, targets: inert('webhookTargets') },
    mail: { customerLinks: inert('customerLinks') },
  };
  return createApp(deps).document;
}
