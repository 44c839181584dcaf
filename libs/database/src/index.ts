export * from './database.module';
export * from './data-source-options';
export * from './transaction-runner';
export * from './migration-status';
export * from './migrate';
export * from './sql';
