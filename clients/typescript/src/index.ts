/**
 * The case service's typed client: openapi-fetch over types generated from the API's OpenAPI
 * document (schema.ts), so every path, parameter, body and answer is checked by the compiler.
 * Calls answer `{ data, error, response }`: `data` on a 2xx, `error` (problem+json) otherwise.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

type Schemas = components['schemas'];
/** The case view every case call answers with. */
export type CaseView = Schemas['Case'];
export type TimelineItem = Schemas['TimelineItem'];
/** RFC 9457 problem details: every error's body. */
export type Problem = Schemas['Problem'];
export type Session = Schemas['Session'];
/** A page of `GET /v1/cases`: `nextCursor` is null on the last page. */
export type CasePage = operations['listCases']['responses'][200]['content']['application/json'];
/** The filters, order and paging of `GET /v1/cases`. */
export type CaseListQuery = NonNullable<operations['listCases']['parameters']['query']>;
/** A staff notification: what the caller was told of which case event. */
export type Notification = Schemas['Notification'];
/** A page of `GET /v1/notifications`, with the caller's unread count. */
export type NotificationPage =
  operations['listNotifications']['responses'][200]['content']['application/json'];

export type CaseClient = Client<paths>;

export interface CaseClientOptions extends Omit<ClientOptions, 'headers'> {
  /** The API key, sent as `Authorization: Bearer <apiKey>`; leave it out for cookie sessions. */
  apiKey?: string;
  /** Headers sent with every request besides the key (e.g. `X-Request-Id`). */
  headers?: Record<string, string>;
}

/** A client for the API at `baseUrl` (e.g. `https://cases.example.com`). */
export function createCaseClient({ apiKey, headers, ...options }: CaseClientOptions = {}): CaseClient {
  return createClient<paths>({
    ...options,
    headers: {
      ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
      ...headers,
    },
  });
}
