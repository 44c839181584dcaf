import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigValidationError, loadConfig } from '@lc/core';
import { AppModule } from './app.module';
import { AdapterSettings, createFastifyAdapter, setupApp } from './setup-app';

async function bootstrap(): Promise<void> {
  let settings: AdapterSettings;
  try {
    settings = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    createFastifyAdapter(settings),
    {
      bufferLogs: true,
    },
  );
  const config = await setupApp(app);
  await app.listen(config.PORT, config.HOST);
}

void bootstrap();
