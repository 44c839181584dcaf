/**
 * `npm run api:client`: writes the API's OpenAPI document to apps/web/openapi.json (the input of the web app's
 * generated client), without a database: the app is created in preview mode, which reads the routes' metadata
 * and instantiates nothing. Then orval regenerates apps/web/src/api/generated from it.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../apps/api/src/app.module';
import { applyGlobalPrefix, createFastifyAdapter, createOpenApiDocument } from '../apps/api/src/setup-app';
import { ROOT } from './local-services';

export const OPENAPI_FILE = join(ROOT, 'apps', 'web', 'openapi.json');

export async function exportOpenApi(): Promise<string> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'preview-only-no-secret-is-used-0123456789',
      DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
      REDIS_URL: 'redis://127.0.0.1:1',
    }),
    createFastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  applyGlobalPrefix(app);
  const text = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  return text;
}

if (require.main === module) {
  exportOpenApi().then(
    (text) => {
      writeFileSync(OPENAPI_FILE, text);
      process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
