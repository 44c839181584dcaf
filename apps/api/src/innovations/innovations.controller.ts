import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, loadTaxonomy, taxonomyCodes } from '@lc/core';
import { Actor } from '@lc/identity';
import { AttachmentsService, InnovationsService } from '@lc/innovations';
import { Authenticated, CurrentActor, Public } from '../auth/access.decorators';
import { CreateInnovationDto, ListInnovationsQuery, UpdateInnovationDto } from './innovations.dto';
import {
  InnovationPageResponse,
  InnovationResponse,
  InnovationsTaxonomyResponse,
  InnovationVersionListResponse,
  InnovationWithAttachmentsResponse,
} from './innovations.responses';

@ApiTags('innovations')
@Controller()
export class InnovationsController {
  constructor(
    private readonly innovations: InnovationsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Public()
  @Get('taxonomy')
  @ApiOperation({
    summary:
      'Learning areas, grade levels, competency frameworks, techniques, roles, perk categories (Thai and English)',
  })
  @ApiOkResponse({ type: InnovationsTaxonomyResponse })
  taxonomy() {
    const { about: _about, ...lists } = loadTaxonomy() as Record<string, unknown>;
    return lists;
  }

  @Authenticated()
  @Post('innovations')
  @ApiOperation({ summary: 'Start a draft innovation' })
  @ApiCreatedResponse({ type: InnovationResponse, description: 'The new draft' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateInnovationDto) {
    return this.innovations.createDraft(actor, body);
  }

  @Public()
  @Get('innovations')
  @ApiOperation({ summary: 'Find innovations: Thai full-text search, combinable filters, four sort orders' })
  @ApiOkResponse({ type: InnovationPageResponse })
  list(@CurrentActor() actor: Actor | undefined, @Query() query: ListInnovationsQuery) {
    for (const [field, list] of [
      ['learningArea', 'learningAreas'],
      ['grade', 'gradeLevels'],
      ['technique', 'activeLearningTechniques'],
    ] as const) {
      const value = query[field];
      if (value && !taxonomyCodes(list).includes(value)) {
        throw new DomainError('VALIDATION_FAILED', `Unknown ${field} "${value}"`, {
          errors: [{ field, message: `${field} is not a taxonomy code` }],
        });
      }
    }
    return this.innovations.list(actor, query);
  }

  @Authenticated()
  @Get('me/innovations')
  @ApiOperation({ summary: 'My innovations in every status, drafts included' })
  @ApiOkResponse({ type: InnovationPageResponse })
  mine(@CurrentActor() actor: Actor, @Query() query: ListInnovationsQuery) {
    return this.innovations.mine(actor, query.cursor);
  }

  @Public()
  @Get('innovations/:id')
  @ApiOperation({
    summary: 'An innovation with its competency profile, rating, adoptions, version and attachments',
  })
  @ApiOkResponse({ type: InnovationWithAttachmentsResponse })
  async get(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    const detail = await this.innovations.get(actor, id);
    return { ...detail, attachments: (await this.attachments.list(actor, id)).items };
  }

  @Public()
  @Get('innovations/:id/versions')
  @ApiOperation({ summary: 'Every published version, newest first' })
  @ApiOkResponse({ type: InnovationVersionListResponse })
  versions(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.innovations.versions(actor, id);
  }

  @Authenticated()
  @Patch('innovations/:id')
  @ApiOperation({ summary: 'Edit (author only); after publishing, each edit is a new version' })
  @ApiOkResponse({ type: InnovationResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateInnovationDto,
  ) {
    return this.innovations.update(actor, id, body);
  }

  @Authenticated()
  @Post('innovations/:id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: InnovationResponse })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.innovations.publish(actor, id);
  }
}
