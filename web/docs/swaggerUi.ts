// swagger-ui-dist ships no types; this is the one entry point the page uses.
// @ts-expect-error no declaration file for the ES bundle
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';

export interface SwaggerUiOptions {
  url: string;
  dom_id: string;
  deepLinking?: boolean;
  persistAuthorization?: boolean;
  tryItOutEnabled?: boolean;
}

export const SwaggerUIBundle = SwaggerUI as (options: SwaggerUiOptions) => unknown;
