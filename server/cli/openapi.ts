/**
 * `npm run lint:api` step: writes the OpenAPI document the server serves to a file, for the
 * linters and the type generator. Usage: node server/cli/openapi.ts <file>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openApiDocument } from '../openapi/document.ts';

const file = resolve(process.argv[2] ?? 'dist/api/openapi.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(openApiDocument(), null, 2) + '\n');
console.log(`OpenAPI 文档已写入 ${file}`);
