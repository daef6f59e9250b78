import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '@profila/platform';
import { GATEWAY_ENV } from '../config/gateway.tokens.js';
import type { GatewayEnv } from '../config/gateway.env.js';
import { aggregateOpenApi } from './openapi-aggregator.js';

/** `/api/docs`: Swagger UI over the aggregated OpenAPI of every service. */
@Public()
@Controller('api/docs')
export class ApiDocsController {
  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  @Get('openapi.json')
  openapi() {
    return aggregateOpenApi(this.env);
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>Profila — API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-init.js"></script>
</body></html>`;
  }

  @Get('assets/swagger-init.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  init(): string {
    return `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });`;
  }
}
