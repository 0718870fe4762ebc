// zod with the .openapi() extension; import z from here in the API so the extension is always applied.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

/**
 * Text that must say something: trimmed, then at least one character. The pattern says the same in
 * the OpenAPI document (a character other than white space, and no NUL), so a fuzzer or a client
 * generator never sends a blank value the schema allowed.
 */
export const NOT_BLANK = '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$';
export const nonBlank = (max: number) => z.string().trim().min(1).max(max).openapi({ pattern: NOT_BLANK });
