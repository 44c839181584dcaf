import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { CursorQuery } from '../identity/identity.dto';
import { FeedbackService, ModerationService } from '@lc/innovations';
import { Authenticated, CurrentActor, Public } from '../auth/access.decorators';
import { AdoptionDto, CommentDto, EditCommentDto, RatingDto, ReportDto } from './innovations.dto';
import {
  InnovationAdoptionPageResponse,
  InnovationAdoptionResponse,
  InnovationCommentPageResponse,
  InnovationCommentResponse,
  INNOVATION_MY_RATING_SCHEMA,
  InnovationRatingCriteriaResponse,
  InnovationRatingResultResponse,
  InnovationReportReceiptResponse,
} from './innovations.responses';

@ApiTags('feedback')
@Controller('innovations/:id')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly moderation: ModerationService,
  ) {}

  @Authenticated()
  @Post('comments')
  @ApiOperation({
    summary:
      'Comment, or reply to a comment (two levels); at most COMMENT_LIMIT_PER_MINUTE comments and edits a minute (429 FEEDBACK_TOO_FAST)',
  })
  @ApiCreatedResponse({ type: InnovationCommentResponse })
  comment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommentDto) {
    return this.feedback.comment(actor, id, body.body, body.parentId);
  }

  @Public()
  @Get('comments')
  @ApiOkResponse({
    type: InnovationCommentPageResponse,
    description: 'Threads, oldest first, each with its replies',
  })
  comments(
    @CurrentActor() actor: Actor | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorQuery,
  ) {
    return this.feedback.comments(actor, id, query.cursor);
  }

  @Authenticated()
  @Patch('comments/:commentId')
  @ApiOperation({ summary: 'Edit my comment, for a while after posting it; counts toward the comment limit' })
  @ApiOkResponse({ type: InnovationCommentResponse })
  editComment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Body() body: EditCommentDto,
  ) {
    return this.feedback.editComment(actor, id, commentId, body.body);
  }

  @Authenticated()
  @Delete('comments/:commentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a comment (its author or a moderator); a tombstone stays' })
  @ApiNoContentResponse()
  async deleteComment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
  ) {
    await this.feedback.deleteComment(actor, id, commentId);
  }

  @Authenticated()
  @Put('rating')
  @ApiOperation({
    summary:
      'Rate (one per member; a new rating replaces the old); not on your own innovation; at most RATING_LIMIT_PER_MINUTE a minute (429 FEEDBACK_TOO_FAST)',
  })
  @ApiOkResponse({ type: InnovationRatingResultResponse })
  rate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RatingDto) {
    return this.feedback.rate(actor, id, body);
  }

  @Authenticated()
  @Get('rating')
  @ApiOperation({ summary: 'My rating of this innovation, or null' })
  @ApiExtraModels(InnovationRatingCriteriaResponse)
  @ApiOkResponse({ schema: INNOVATION_MY_RATING_SCHEMA })
  myRating(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.feedback.myRating(actor, id);
  }

  @Authenticated()
  @Post('adoptions')
  @ApiOperation({ summary: '"I used it": one report per member per school term' })
  @ApiCreatedResponse({ type: InnovationAdoptionResponse })
  adopt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AdoptionDto) {
    return this.feedback.reportAdoption(actor, id, body);
  }

  @Public()
  @Get('adoptions')
  @ApiOkResponse({ type: InnovationAdoptionPageResponse, description: 'Adoption reports, newest first' })
  adoptions(
    @CurrentActor() actor: Actor | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorQuery,
  ) {
    return this.feedback.adoptions(actor, id, query.cursor);
  }

  @Authenticated()
  @Post('reports')
  @ApiOperation({ summary: 'Report content to the moderators, with a reason' })
  @ApiCreatedResponse({ type: InnovationReportReceiptResponse })
  report(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReportDto) {
    return this.moderation.report(actor, id, body.reason);
  }
}
