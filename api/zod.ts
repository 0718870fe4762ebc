// zod with the .openapi() extension; import z from here in the API so the extension is always applied.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
