import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleRegistry } from './schedule-registry';
import { Scheduler } from './scheduler';

/** The worker's schedules: finds every @Schedule at start-up; WorkerRunner starts the Scheduler. Never in the api. */
@Module({
  imports: [DiscoveryModule],
  providers: [ScheduleRegistry, Scheduler],
  exports: [ScheduleRegistry, Scheduler],
})
export class SchedulesModule {}
