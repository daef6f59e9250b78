import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { DeadLetterDto, DeadLetterReplayDto } from './dead-letter.dto.js';
import { DeadLetterService } from './dead-letter.service.js';

/** Operators (and ops tooling) see parked events and replay them after a fix. */
@ApiTags('messaging')
@AllowActors('operator', 'service')
@Controller('messaging/dead-letters')
export class DeadLetterController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @ApiQuery({ name: 'all', required: false, description: '`true`: the replayed ones too' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  list(@Query('all') all?: string): Promise<DeadLetterDto[]> {
    return this.deadLetters.list(all === 'true');
  }

  @Post(':id/replay')
  @ApiOkResponse({ type: DeadLetterReplayDto })
  replay(@Param('id') id: string): Promise<DeadLetterReplayDto> {
    return this.deadLetters.replay(id);
  }
}
