/** Times as the service writes them everywhere (events, views, the API): ISO 8601 in UTC. */
export const iso = (t: number | string | Date): string => new Date(t).toISOString();
