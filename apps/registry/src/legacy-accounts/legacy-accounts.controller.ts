import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { LegacyClaimDto, LegacyClaimResponse, LegacyRaaClaimResponse } from './dto/legacy-claim.dto.js';
import { LegacyAccountsService } from './legacy-accounts.service.js';

@ApiTags('legacy-accounts')
@Controller('legacy-accounts')
@AllowActors('citizen')
export class LegacyAccountsController {
  constructor(private readonly legacyAccounts: LegacyAccountsService) {}

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({
    summary: "Accedi all'utenza aziendale",
    description:
      'Collega una utenza aziendale del vecchio portale (username e password, una volta): precompila la nomina ' +
      "dell'Amministratore, che un operatore verifica. Non concede nulla e non è un accesso.",
  })
  @ApiOkResponse({ type: LegacyClaimResponse })
  @ApiUnauthorizedResponse({ description: 'Username o password non corretti (stessa risposta per entrambi)' })
  @ApiTooManyRequestsResponse({ description: 'Troppi tentativi: riprovare più tardi' })
  claim(@CurrentActor() actor: Actor, @Body() body: LegacyClaimDto): Promise<LegacyClaimResponse> {
    return this.legacyAccounts.claim(actor, body);
  }

  @Post('raa/claim')
  @HttpCode(200)
  @ApiOperation({
    summary: "Accedi all'utenza RAA",
    description:
      'Collega la propria utenza RAA del vecchio portale (username e password, una volta): precompila la ' +
      'registrazione avvocati ed enti autorizzati, che un operatore verifica. Non concede nulla e non è un accesso.',
  })
  @ApiOkResponse({ type: LegacyRaaClaimResponse })
  @ApiUnauthorizedResponse({ description: 'Username o password non corretti (stessa risposta per entrambi)' })
  @ApiForbiddenResponse({ description: "L'utenza RAA è intestata a un'altra persona" })
  @ApiTooManyRequestsResponse({ description: 'Troppi tentativi: riprovare più tardi' })
  claimRaa(@CurrentActor() actor: Actor, @Body() body: LegacyClaimDto): Promise<LegacyRaaClaimResponse> {
    return this.legacyAccounts.claimRaa(actor, body);
  }
}
