/**
 * `npm run build`'s step that regenerates the typed client (clients/typescript) from the OpenAPI
 * document the API serves: the document itself and its TypeScript types (openapi-typescript).
 * `--check` (and any build with CI=true) writes nothing and fails when the committed files differ
 * from what the routes give now (a route changed without regenerating); so does
 * test/unit/openapi-client.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';
import { openApiDocument } from '../app/openapi-document.js';

export const CLIENT_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'clients',
  'typescript',
);

const HEADER = `// Generated from the API's OpenAPI document by scripts/generate-client.ts (npm run build): do not edit.
`;

/** Each generated file of the client, by its path inside clients/typescript, with its content. */
export async function generatedClientFiles(): Promise<Record<string, string>> {
  const document = openApiDocument();
  const types = HEADER + astToString(await openapiTS(document as any));
  const files: Record<string, string> = {
    'openapi.json': JSON.stringify(document),
    'src/schema.ts': types,
  };
  for (const [file, text] of Object.entries(files)) {
    const filepath = path.join(CLIENT_DIR, file);
    files[file] = await prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
  }
  return files;
}

/** The generated files whose committed content differs from what the routes give now. */
export async function staleClientFiles(
  generated: Promise<Record<string, string>> = generatedClientFiles(),
): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, text] of Object.entries(await generated)) {
    const committed = await readFile(path.join(CLIENT_DIR, file), 'utf8').catch(() => undefined);
    if (committed !== text) stale.push(file);
  }
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // A CI build checks instead of writing: it must build what was committed, and a regenerated
  // client would hide the drift from the test that looks for it.
  if (process.argv.includes('--check') || process.env.CI === 'true') {
    const stale = await staleClientFiles();
    if (stale.length) {
      console.error(
        `the typed client is out of date with the routes (${stale.map((f) => `clients/typescript/${f}`).join(', ')}): run npm run build and commit the result`,
      );
      process.exit(1);
    }
    console.log('typed client: up to date');
  } else {
    const t0 = Date.now();
    for (const [file, text] of Object.entries(await generatedClientFiles())) {
      await writeFile(path.join(CLIENT_DIR, file), text);
    }
    console.log(`typed client: clients/typescript regenerated (${Date.now() - t0} ms)`);
  }
}
