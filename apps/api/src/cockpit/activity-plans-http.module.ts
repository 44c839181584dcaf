import { Module } from '@nestjs/common';
import { ActivityPlansModule } from '@lc/cockpit';
import { ActivityPlansController } from './activity-plans.controller';

@Module({ imports: [ActivityPlansModule], controllers: [ActivityPlansController] })
export class ActivityPlansHttpModule {}
