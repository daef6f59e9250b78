import { ApiProperty } from '@nestjs/swagger';
import type { AccessCheckResponse, AccessGrant } from '@profila/contracts';

export class AccessGrantDto implements AccessGrant {
  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiProperty({ enum: ['amministratore', 'collaboratore', 'delega'] })
  source!: 'amministratore' | 'collaboratore' | 'delega';

  @ApiProperty({ description: 'The membership’s or the delega’s id' })
  sourceId!: string;

  @ApiProperty({ type: [String], example: ['COB', 'SARE'] })
  permissions!: string[];

  @ApiProperty({ enum: ['organization', 'units'] })
  scope!: 'organization' | 'units';

  @ApiProperty({ type: [String] })
  unitIds!: string[];

  @ApiProperty({ format: 'date-time' })
  validFrom!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validTo!: string | null;
}

export class AccessCheckResponseDto implements AccessCheckResponse {
  @ApiProperty()
  allowed!: boolean;

  @ApiProperty({ type: AccessGrantDto, nullable: true, description: 'The grant that allows it' })
  grant!: AccessGrantDto | null;
}
