/** Serves the built console (console/ → dist/console, by `npm run build`) at /console, same origin as the API. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { HttpProblem, sendProblem } from './problem.js';

/** dist/console at the project's root, whether this runs from the sources (api/) or compiled (dist/api/). */
export function consoleDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const compiled = path.basename(path.dirname(here)) === 'dist';
  return path.resolve(here, compiled ? '../console' : '../dist/console');
}

export function serveConsole(app: Express): void {
  const dir = consoleDir();
  const headers = (res: express.Response) => {
    // Everything the console loads comes from here: no inline scripts, no other origins.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
  };
  app.use('/console', (req, res, next) => {
    headers(res);
    next();
  });
  app.use('/console', express.static(dir, { index: false, fallthrough: true, maxAge: 0 }));
  // Every other path under /console is a page of the single-page app.
  app.get(['/console', '/console/*page'], (req, res) => {
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) {
      sendProblem(
        res,
        new HttpProblem(503, 'Service Unavailable', 'the console is not built: run `npm run build`'),
        req.originalUrl,
      );
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
