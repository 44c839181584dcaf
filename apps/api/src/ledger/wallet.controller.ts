import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { WalletService } from '@lc/ledger';
import { Authenticated, CurrentActor, Roles } from '../auth/access.decorators';
import { CursorQuery } from '../identity/identity.dto';
import { AdjustmentDto, UpdateRuleDto } from './ledger.dto';
import {
  EarningRuleListResponse,
  EarningRuleResponse,
  WalletAdjustmentResponse,
  WalletResponse,
  WalletStatementPageResponse,
} from './ledger.responses';

@ApiTags('points')
@Controller()
export class WalletController {
  constructor(private readonly wallets: WalletService) {}

  @Authenticated()
  @Get('me/wallet')
  @ApiOkResponse({ type: WalletResponse })
  @ApiOperation({ summary: 'My points: balance, held for redemptions, spendable, earned in total' })
  wallet(@CurrentActor() actor: Actor) {
    return this.wallets.wallet(actor.memberId);
  }

  @Authenticated()
  @Get('me/wallet/transfers')
  @ApiOkResponse({ type: WalletStatementPageResponse })
  @ApiOperation({ summary: 'My statement, newest first, with reasons and the running balance' })
  statement(@CurrentActor() actor: Actor, @Query() query: CursorQuery) {
    return this.wallets.statement(actor.memberId, query.cursor);
  }

  @Roles('obec_admin')
  @Get('admin/ledger/rules')
  @ApiOkResponse({ type: EarningRuleListResponse })
  async rules() {
    return { items: await this.wallets.listRules(), nextCursor: null };
  }

  @Roles('obec_admin')
  @Put('admin/ledger/rules/:code')
  @ApiOkResponse({ type: EarningRuleResponse })
  @ApiOperation({ summary: 'Change an earning rule (points, caps, active period); audited' })
  updateRule(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateRuleDto) {
    const { reason, activeFrom, activeUntil, ...rest } = body;
    return this.wallets.updateRule(
      actor.memberId,
      code,
      {
        ...rest,
        ...(activeFrom !== undefined
          ? { activeFrom: activeFrom === null ? null : new Date(activeFrom) }
          : {}),
        ...(activeUntil !== undefined
          ? { activeUntil: activeUntil === null ? null : new Date(activeUntil) }
          : {}),
      },
      reason,
    );
  }

  @Roles('obec_admin')
  @Post('admin/ledger/adjustments')
  @ApiCreatedResponse({ type: WalletAdjustmentResponse })
  @ApiOperation({ summary: 'Correct a member’s points with a reason; audited' })
  adjust(@CurrentActor() actor: Actor, @Body() body: AdjustmentDto) {
    return this.wallets.adjust(actor.memberId, body.memberId, body.amount, body.reason);
  }
}
