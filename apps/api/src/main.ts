import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigValidationError, loadConfig } from '@lc/core';
import { AppModule } from './app.module';
import { AdapterSettings, createFastifyAdapter, LISTEN_BACKLOG, setupApp } from './setup-app';

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
  // A forum day opens thousands of connections at once: Node's default queue of 511 unaccepted connections
  // refuses the rest while the process is busy. The kernel caps this at net.core.somaxconn.
  await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
}

void bootstrap();
