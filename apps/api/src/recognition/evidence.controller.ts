import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { EvidenceService } from '@lc/recognition';
import { Authenticated, CurrentActor, Public } from '../auth/access.decorators';
import { FiscalYearQuery } from './development-plans.dto';

class EvidenceMemberResponse {
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) school!: string | null;
}
class EvidenceFiscalYearResponse {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}
class EvidenceTotalsResponse {
  @ApiProperty({ type: 'integer' }) innovationsPublished!: number;
  @ApiProperty({ type: 'integer' }) adoptions!: number;
  @ApiProperty({ type: 'integer' }) adoptingSchools!: number;
  @ApiProperty({ type: 'integer' }) endorsements!: number;
  @ApiProperty({ type: 'integer' }) feedbackGiven!: number;
  @ApiProperty({ type: 'integer' }) pointsEarned!: number;
  @ApiProperty({ type: 'integer' }) badges!: number;
}
export class EvidenceVerificationResponse {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: [true] }) valid!: boolean;
  @ApiProperty({ type: () => EvidenceMemberResponse }) member!: EvidenceMemberResponse;
  @ApiProperty({ type: () => EvidenceFiscalYearResponse }) fiscalYear!: EvidenceFiscalYearResponse;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the PDF as issued: a copy whose hash differs was changed' })
  sha256!: string;
  @ApiProperty({ type: () => EvidenceTotalsResponse }) totals!: EvidenceTotalsResponse;
}

/** Evidence of a member's work for evaluation (PA, วิทยฐานะ), and its public confirmation. */
@ApiTags('recognition')
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Authenticated()
  @Get('me/evidence')
  @ApiOperation({
    summary:
      'My work of a fiscal year (the current one by default) as a Thai PDF for a performance agreement or academic ' +
      'standing file, with a code and a QR that anyone can check; 503 when no worker prints',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  async mine(@CurrentActor() actor: Actor, @Query() query: FiscalYearQuery) {
    const file = await this.evidence.generate(actor, query.fiscalYear);
    return new StreamableFile(file.pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.filename}"`,
      length: file.pdf.length,
    });
  }

  @Public()
  @Get('evidence/:code')
  @ApiOperation({
    summary: 'Confirms an evidence document by the code printed on it (404 when it was not issued here)',
  })
  @ApiOkResponse({ type: EvidenceVerificationResponse })
  verify(@Param('code') code: string) {
    return this.evidence.verify(code.slice(0, 40));
  }
}
