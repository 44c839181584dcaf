// What the messaging index re-exports from schedules/.

export { SchedulesModule } from './schedules.module';
export { Schedule } from './schedule.decorator';
export type { ScheduleTick } from './schedule.decorator';
export { SCHEDULE_QUEUE, Scheduler } from './scheduler';
