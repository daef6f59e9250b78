import { ApiProperty } from '@nestjs/swagger';
import type { AccessRightOrganization, AccessRightOrganizationsResponse } from '@profila/contracts';

export class AccessRightOrganizationDto implements AccessRightOrganization {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ example: 'Rossi S.r.l.' })
  ragioneSociale!: string;

  @ApiProperty({ description: 'The organisation’s codice fiscale (or foreign identification code)' })
  codiceFiscale!: string;

  @ApiProperty({ type: [String], description: 'Union of the roles of every right valid now', example: ['admin'] })
  roles!: string[];
}

export class AccessRightOrganizationsDto implements AccessRightOrganizationsResponse {
  @ApiProperty({ type: [AccessRightOrganizationDto] })
  organizations!: AccessRightOrganizationDto[];
}
