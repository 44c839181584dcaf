export * from './schedule.decorator';
export * from './schedule-registry';
export * from './schedule-metrics';
export * from './scheduler';
export * from './schedules.module';
