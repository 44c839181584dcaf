import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { ResearchRepository } from './research.repository';
import { ResearchService } from './research.service';

/** De-identified research extracts for OBEC admins. */
@Module({
  imports: [IdentityModule],
  providers: [ResearchRepository, ResearchService],
  exports: [ResearchService],
})
export class ResearchModule {}
