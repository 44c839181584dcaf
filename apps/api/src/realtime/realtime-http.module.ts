import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { RealtimeGateway } from './realtime.gateway';

/** The socket.io gateway (namespace /realtime); its server is made by RealtimeIoAdapter in setupApp. */
@Module({ imports: [IdentityModule], providers: [RealtimeGateway] })
export class RealtimeHttpModule {}
