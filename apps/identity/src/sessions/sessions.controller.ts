import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { SessionResolveResponseDto } from './dto/session-resolve.response.js';
import { SessionsService } from './sessions.service.js';

/** Service API of sessions: the gateway resolves the session cookie of every request here. */
@ApiTags('sessions')
@AllowActors('service')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** 200 live (and touched) · 404 unknown · 410 ended or expired. */
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResolveResponseDto })
  async resolve(@Param('id') id: string): Promise<SessionResolveResponseDto> {
    return SessionResolveResponseDto.of(await this.sessions.resolve(id));
  }
}
