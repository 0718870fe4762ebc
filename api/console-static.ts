/** Serves the built console (console/ → console/dist) at /console, same origin as the API. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { HttpProblem, sendProblem } from './problem.js';

/** From the sources (api/) or from a compiled tree (dist/api/): the first that has the build. */
export function consoleDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../console/dist'), path.resolve(here, '../../console/dist')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html'))) ?? candidates[0]!;
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
        new HttpProblem(503, 'Service Unavailable', 'the console is not built: run `npm run build:console`'),
        req.originalUrl,
      );
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
