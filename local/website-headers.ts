import type { LocalStack } from './template/index.js';

/** One header a response-headers policy adds; without `override`, a header the origin already sent is kept. */
export interface HeaderRule {
  name: string;
  value: string;
  override: boolean;
}

/** The headers CloudFront would add to the response to a path, as the template's distribution says. */
export interface WebsiteHeaders {
  /** `secure`: whether the request came over TLS (HSTS is only sent then, see below). */
  headersFor(pathname: string, secure: boolean): HeaderRule[];
}

/** Where the local cloud serves what the website reaches at AWS endpoints. */
export interface LocalOrigins {
  api: string;
  cognito: string;
  dynamodb: string;
  /** The local S3 as a page reaches it (`http://*.localhost:PORT`: Amplify Storage uses virtual-hosted style). */
  s3?: string;
}

interface PolicyConfig {
  SecurityHeadersConfig?: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: string; Override: boolean };
    ContentTypeOptions?: { Override: boolean };
    FrameOptions?: { FrameOption: string; Override: boolean };
    ReferrerPolicy?: { ReferrerPolicy: string; Override: boolean };
    StrictTransportSecurity?: { AccessControlMaxAgeSec: number; IncludeSubdomains?: boolean; Preload?: boolean; Override: boolean };
    XSSProtection?: { Protection: boolean; ModeBlock?: boolean; ReportUri?: string; Override: boolean };
  };
  CustomHeadersConfig?: { Items: { Header: string; Value: string; Override: boolean }[] };
  CorsConfig?: unknown;
  RemoveHeadersConfig?: unknown;
  ServerTimingHeadersConfig?: unknown;
}

interface Behavior {
  pattern: RegExp;
  rules: { rules: HeaderRule[]; hsts: HeaderRule | undefined };
}

const NONE: WebsiteHeaders = { headersFor: () => [] };

/**
 * CloudFront path patterns: case-sensitive, `*` any run of characters, `?` one
 * character, the leading `/` optional (CloudFront "Cache behavior settings: Path pattern").
 */
function pathPattern(pattern: string): RegExp {
  const withSlash = pattern.startsWith('/') || pattern.startsWith('*') ? pattern : `/${pattern}`;
  const source = withSlash.replace(/[\\^$.|+()[\]{}]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}

/**
 * The real endpoints the website would call in AWS, each with the local origin
 * that stands for it: the REST API's execute-api host, Cognito's two services,
 * DynamoDB, the user pool's domain (the hosted UI).
 */
function endpointsOf(stack: LocalStack, local: LocalOrigins): { real: URL; local: string }[] {
  const r = stack.region;
  return [
    ...stack.resourcesOfType('AWS::ApiGateway::RestApi').map((id) => ({ real: new URL(`https://${stack.physicalId(id)}.execute-api.${r}.amazonaws.com`), local: local.api })),
    { real: new URL(`https://cognito-idp.${r}.amazonaws.com`), local: local.cognito },
    { real: new URL(`https://cognito-identity.${r}.amazonaws.com`), local: local.cognito },
    { real: new URL(`https://dynamodb.${r}.amazonaws.com`), local: local.dynamodb },
    // The hosted UI's domain, whose /oauth2/token the website fetches, is served by the local Cognito.
    ...stack.resourcesOfType('AWS::Cognito::UserPoolDomain').map((id) => ({ real: new URL(`https://${stack.physicalId(id)}.auth.${r}.amazoncognito.com`), local: local.cognito })),
    ...(local.s3 === undefined
      ? []
      : stack.resourcesOfType('AWS::S3::Bucket').map((id) => ({ real: new URL(`https://${stack.physicalId(id)}.s3.${r}.amazonaws.com`), local: local.s3!, images: true }))),
  ];
}

/** Does a CSP host-source (`https://*.amazonaws.com`, `cognito-idp.us-east-1.amazonaws.com:443`) match a URL? (CSP3 §6.7.2.8, simplified to origins.) */
function hostSourceMatches(source: string, url: URL): boolean {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(?:\/.*)?$/i.exec(source);
  if (!m) return false;
  const [, scheme, host, port] = m as unknown as [string, string | undefined, string, string | undefined];
  if (scheme !== undefined && scheme.toLowerCase() !== url.protocol.slice(0, -1)) return false;
  const hostname = url.hostname.toLowerCase();
  const pattern = host.toLowerCase();
  const hostOk = pattern === '*' || (pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) : hostname === pattern);
  const portOk = port === undefined || port === '*' || Number(port) === (url.port === '' ? 443 : Number(url.port));
  return hostOk && portOk;
}

/**
 * The policy's CSP with the sources that allow AWS endpoints rewritten to the
 * local origins serving them. Locally the API and Cognito are http://127.0.0.1
 * ports, which `https://*.amazonaws.com` cannot match, so the page could not
 * call them; every other source and directive is left exactly as deployed, so
 * a CSP that would block the deployed site (a missing connect-src, a script
 * from elsewhere) blocks the local one too. Only the directive that governs
 * fetches (connect-src, else its default-src fallback) is touched, and a source
 * that matches no endpoint the website uses adds no local origin.
 */
export function localizeCsp(csp: string, all: { real: URL; local: string; images?: boolean }[]): string {
  const directives = csp.split(';').map((d) => d.trim()).filter((d) => d !== '');
  const names = directives.map((d) => d.split(/\s+/)[0]!.toLowerCase());
  const target = names.includes('connect-src') ? 'connect-src' : names.includes('default-src') ? 'default-src' : undefined;
  if (target === undefined) return csp;
  return directives
    .map((directive, i) => {
      // img-src too, for S3 only: a rider's photo is an <img> whose src is a presigned S3 URL.
      if (names[i] !== target && names[i] !== 'img-src') return directive;
      const endpoints = names[i] === target ? all : all.filter((e) => e.images);
      const [name, ...sources] = directive.split(/\s+/);
      const kept: string[] = [];
      const local = new Set<string>();
      for (const source of sources) {
        if (source.startsWith("'") || source === '*') {
          // Keywords stay; `*` already matches the local origins.
          kept.push(source);
        } else if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) {
          // A scheme source stays; `https:` also stood for every AWS endpoint.
          kept.push(source);
          if (source.toLowerCase() === 'https:') for (const e of endpoints) local.add(e.local);
        } else {
          const stood = endpoints.filter((e) => hostSourceMatches(source, e.real));
          if (stood.length === 0) kept.push(source);
          for (const e of stood) local.add(e.local);
        }
      }
      return [name, ...kept, ...local].join(' ');
    })
    .join('; ');
}

/** Turns a policy's settings into headers, as CloudFront names and spells them. */
function rulesOf(config: PolicyConfig, endpoints: { real: URL; local: string; images?: boolean }[]): { rules: HeaderRule[]; hsts: HeaderRule | undefined } {
  const rules: HeaderRule[] = [];
  const s = config.SecurityHeadersConfig ?? {};
  if (s.ContentSecurityPolicy) {
    rules.push({ name: 'Content-Security-Policy', value: localizeCsp(s.ContentSecurityPolicy.ContentSecurityPolicy, endpoints), override: s.ContentSecurityPolicy.Override });
  }
  if (s.ContentTypeOptions) rules.push({ name: 'X-Content-Type-Options', value: 'nosniff', override: s.ContentTypeOptions.Override });
  if (s.FrameOptions) rules.push({ name: 'X-Frame-Options', value: s.FrameOptions.FrameOption, override: s.FrameOptions.Override });
  if (s.ReferrerPolicy) rules.push({ name: 'Referrer-Policy', value: s.ReferrerPolicy.ReferrerPolicy, override: s.ReferrerPolicy.Override });
  if (s.XSSProtection) {
    const x = s.XSSProtection;
    const value = !x.Protection ? '0' : x.ModeBlock ? '1; mode=block' : x.ReportUri ? `1; report=${x.ReportUri}` : '1';
    rules.push({ name: 'X-XSS-Protection', value, override: x.Override });
  }
  for (const item of config.CustomHeadersConfig?.Items ?? []) rules.push({ name: item.Header, value: item.Value, override: item.Override });
  const t = s.StrictTransportSecurity;
  const hsts = t
    ? { name: 'Strict-Transport-Security', value: `max-age=${t.AccessControlMaxAgeSec}${t.IncludeSubdomains ? '; includeSubDomains' : ''}${t.Preload ? '; preload' : ''}`, override: t.Override }
    : undefined;
  return { rules, hsts };
}

/**
 * The response-headers policies of the template's CloudFront distribution,
 * per cache behaviour (first matching path pattern, else the default one), as
 * CloudFront adds them to every response of the website, errors included.
 *
 * Strict-Transport-Security is sent only on a request that came over TLS.
 * CloudFront's viewers never get content over plain HTTP here (the behaviours
 * redirect to HTTPS), browsers ignore HSTS received over http:// (RFC 6797
 * §8.1), and a year-long includeSubDomains pin on localhost would push every
 * other local server to HTTPS if the site were ever put behind a local TLS
 * proxy. The local server speaks HTTP, so it never sends HSTS, and says so.
 */
export function websiteHeadersFromStack(stack: LocalStack, local: LocalOrigins, log: (line: string) => void): WebsiteHeaders {
  const distributions = stack.resourcesOfType('AWS::CloudFront::Distribution');
  if (distributions.length === 0) {
    log('website: the template has no CloudFront distribution, so the local website is served without its security headers');
    return NONE;
  }
  const endpoints = endpointsOf(stack, local);
  const config = (stack.template.Resources[distributions[0]!]!.Properties?.DistributionConfig ?? {}) as {
    DefaultCacheBehavior?: { ResponseHeadersPolicyId?: unknown };
    CacheBehaviors?: { PathPattern: string; ResponseHeadersPolicyId?: unknown }[];
  };
  const policyRules = (id: unknown, where: string) => {
    if (id === undefined) return undefined;
    const ref = typeof id === 'object' && id !== null && 'Ref' in id ? String((id as { Ref: unknown }).Ref) : undefined;
    const resource = ref === undefined ? undefined : stack.template.Resources[ref];
    if (!resource || resource.Type !== 'AWS::CloudFront::ResponseHeadersPolicy') {
      log(`website: the ${where} uses a response-headers policy that is not in the template (a managed one?); its headers are not sent locally`);
      return undefined;
    }
    const policy = stack.resolve<PolicyConfig>(resource.Properties?.ResponseHeadersPolicyConfig ?? {});
    const ignored = (['CorsConfig', 'RemoveHeadersConfig', 'ServerTimingHeadersConfig'] as const).filter((k) => policy[k] !== undefined);
    if (ignored.length > 0) log(`website: ${ref} has ${ignored.join(', ')}, which the local website does not apply`);
    return rulesOf(policy, endpoints);
  };
  const behaviors: Behavior[] = [];
  for (const b of config.CacheBehaviors ?? []) {
    behaviors.push({ pattern: pathPattern(b.PathPattern), rules: policyRules(b.ResponseHeadersPolicyId, `behaviour ${b.PathPattern}`) ?? { rules: [], hsts: undefined } });
  }
  const fallback = policyRules(config.DefaultCacheBehavior?.ResponseHeadersPolicyId, 'default behaviour') ?? { rules: [], hsts: undefined };
  behaviors.push({ pattern: /^/, rules: fallback });
  if (behaviors.every((b) => b.rules.rules.length === 0 && b.rules.hsts === undefined)) {
    log('website: the CloudFront distribution has no response-headers policy, so the local website is served without security headers, as the deployed one would be');
  } else if (behaviors.some((b) => b.rules.hsts !== undefined)) {
    log('website: Strict-Transport-Security is not sent over http:// (browsers ignore it there, and it would pin localhost to HTTPS); CloudFront sends it over HTTPS');
  }
  return {
    headersFor(pathname, secure) {
      const { rules, hsts } = behaviors.find((b) => b.pattern.test(pathname))!.rules;
      return secure && hsts ? [...rules, hsts] : rules;
    },
  };
}
