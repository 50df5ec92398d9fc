import { mappedHeaders, type MappingSource } from './mapping.js';
import type { MockIntegrationResponse } from './model.js';

export interface GatewayAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The one piece of VTL the CDK writes for CORS with a list of origins: echo
 * the request's Origin when it is one of them. Recognised by shape, not run
 * as a template language.
 */
function corsOriginOverride(template: string, source: MappingSource): Record<string, string> {
  if (!/\$context\.responseOverride\.header\.Access-Control-Allow-Origin\s*=\s*\$origin/.test(template)) return {};
  const allowed = [...template.matchAll(/\$origin\s*==\s*"([^"]*)"/g)].map((m) => m[1]!);
  const origin = source.headers.origin;
  return origin !== undefined && allowed.includes(origin) ? { 'Access-Control-Allow-Origin': origin } : {};
}

/** A MOCK integration answers from its default integration response (the one without a selection pattern). */
export function answerMock(responses: MockIntegrationResponse[], source: MappingSource): GatewayAnswer {
  const chosen = responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '') ?? responses[0];
  if (!chosen) return { statusCode: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Internal server error"}' };
  const template = chosen.responseTemplates['application/json'] ?? '';
  const headers = { ...mappedHeaders(chosen.responseParameters, 'method.response.header.', source), ...corsOriginOverride(template, source) };
  // A template that is only VTL directives renders to nothing; a plain one is sent as written.
  const body = /^\s*#/.test(template) ? '' : template;
  return { statusCode: chosen.statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body };
}
