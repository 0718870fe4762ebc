/** The project folder, whether this code runs from the sources (tsx) or compiled under dist/. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** This module is platform/ in the sources, dist/platform/ once compiled. */
export const PROJECT_ROOT = path.resolve(HERE, path.basename(path.dirname(HERE)) === 'dist' ? '../..' : '..');
