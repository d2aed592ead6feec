// Security headers for every response: no framing, no sniffing, a CSP that allows only this origin; and HSTS
// from a production node behind TLS.
import type { NextFunction, Request, Response } from 'express';

/** The policy; `mapOrigins` are the origins of an external base map (tiles, style, glyphs), fetched by the map. */
export function contentSecurityPolicy(mapOrigins: readonly string[] = []): string {
  const map = mapOrigins.map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${map}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `connect-src 'self' ws: wss:${map}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders(mapOrigins: readonly string[] = []) {
  const csp = contentSecurityPolicy(mapOrigins);
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}

/** Two years, subdomains included: the value nginx's TLS server (deploy/nginx-tls.conf) sends as well. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Strict-Transport-Security on a production node reached over TLS: directly, or through a trusted proxy that
 * says X-Forwarded-Proto: https (GRIDWALL_TRUST_PROXY). Never over plain HTTP, where it would mean nothing.
 */
export function strictTransport(production: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (production && req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}
