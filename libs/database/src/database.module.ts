import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { dataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction-runner';

@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, applicationName),
            autoLoadEntities: true,
            // Fail fast at start-up if the database is unreachable; readiness reports it afterwards.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
