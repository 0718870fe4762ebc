/** RFC 9457 problem details: every error the API gives has this shape. */
import type { Response } from 'express';

/** Where a bad value was: the JSON body, the query string, the path or a header. */
export type ParameterIn = 'body' | 'query' | 'path' | 'header';

export interface FieldError {
  path: string;
  message: string;
  in?: ParameterIn;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export const problem = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new HttpProblem(400, 'Bad Request', detail, errors ? { errors } : {}),
  unauthorized: (detail: string) =>
    new HttpProblem(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer realm="cases"' }),
  forbidden: (detail: string) => new HttpProblem(403, 'Forbidden', detail),
  notFound: (detail: string) => new HttpProblem(404, 'Not Found', detail),
  conflict: (detail: string, extra: Record<string, unknown> = {}) =>
    new HttpProblem(409, 'Conflict', detail, extra),
  unprocessable: (detail: string, errors?: FieldError[]) =>
    new HttpProblem(422, 'Unprocessable Content', detail, errors ? { errors } : {}),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new HttpProblem(503, 'Service Unavailable', detail, {}, { 'Retry-After': String(retryAfterSeconds) }),
};

export function sendProblem(res: Response, p: HttpProblem, instance?: string): void {
  for (const [k, v] of Object.entries(p.headers)) res.setHeader(k, v);
  res
    .status(p.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `/problems/${slug(p.title)}`,
        title: TITLES[p.status] ?? p.title,
        status: p.status,
        detail: p.detail,
        ...(instance ? { instance } : {}),
        ...p.extra,
      }),
    );
}
