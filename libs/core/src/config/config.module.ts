import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../clock';
import { AppConfig, loadConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** `overrides` lets a test or a script supply values on top of the environment. */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    const config = loadConfig({ ...process.env, ...overrides });
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, Clock],
      exports: [APP_CONFIG, Clock],
    };
  }
}
