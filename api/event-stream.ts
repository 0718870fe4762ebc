/**
 * A server-sent-event stream fed by the case feed: the headers, a retry hint, a comment every 15 s
 * that keeps proxies open, and the end of the stream when the client goes or the feed stops.
 */
import type { Request, Response } from 'express';
import type { CaseFeed } from './case-feed.js';

export type Send = (event: string, data: unknown) => void;

/** Opens the stream; `subscribe` wires the feed to `send` and returns the unsubscribe. */
export function openEventStream(
  req: Request,
  res: Response,
  feed: CaseFeed,
  subscribe: (send: Send) => () => void,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  const unsubscribe = subscribe((event, data) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
  );
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const end = () => {
    clearInterval(ping);
    unsubscribe();
    offStop();
    res.end();
  };
  const offStop = feed.onStop(end);
  req.on('close', end);
}
