import { Controller, Get } from '@nestjs/common';
import { Public } from '@profila/platform';

/** The dev IdP has no database: alive means ready. (The platform HealthModule needs TypeORM.) */
@Public()
@Controller('health')
export class DevIdpHealthController {
  @Get()
  ready(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
