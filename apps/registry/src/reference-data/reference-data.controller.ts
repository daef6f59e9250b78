import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommonErrorCode, CommonException } from '@profila/platform';
import {
  ComuniListResponse,
  ProvinceListResponse,
  StatiListResponse,
  TypeAheadQuery,
} from './dto/reference-data.dto.js';
import { ReferenceDataService } from './reference-data.service.js';

/** Type-ahead on the current Italian province, comuni and foreign states, answered from memory. */
@ApiTags('reference-data')
@Controller('reference')
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Get('province')
  @ApiOperation({ summary: 'Province (per nome o sigla)' })
  @ApiOkResponse({ type: ProvinceListResponse })
  province(@Query() query: TypeAheadQuery): ProvinceListResponse {
    return { items: this.reference.places.searchProvince(query.q) };
  }

  @Get('province/:sigla/comuni')
  @ApiOperation({ summary: 'Comuni attuali di una provincia, con codice catastale e CAP' })
  @ApiOkResponse({ type: ComuniListResponse })
  comuniOf(@Param('sigla') sigla: string, @Query() query: TypeAheadQuery): ComuniListResponse {
    if (!this.reference.places.provincia(sigla)) {
      throw new CommonException(CommonErrorCode.NOT_FOUND, 'Provincia inesistente');
    }
    return { items: this.reference.places.searchComuni(sigla, query.q) };
  }

  @Get('comuni')
  @ApiOperation({ summary: 'Comuni attuali di tutta Italia per nome (almeno 2 caratteri)' })
  @ApiOkResponse({ type: ComuniListResponse })
  comuni(@Query() query: TypeAheadQuery): ComuniListResponse {
    return { items: this.reference.places.searchAllComuni(query.q ?? '') };
  }

  @Get('stati-esteri')
  @ApiOperation({ summary: 'Stati esteri con codice Belfiore (Z...)' })
  @ApiOkResponse({ type: StatiListResponse })
  statiEsteri(@Query() query: TypeAheadQuery): StatiListResponse {
    return { items: this.reference.places.searchStati(query.q) };
  }
}
