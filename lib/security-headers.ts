// The security headers of every page, built once at start from the deployment's settings (never at
// build: a build knows nothing of where it runs). proxy.ts sets them on each response it passes on.
//
// Two script policies:
// - Reader pages and the platform's public pages are pre-rendered once and served from Next's cache to
//   everyone, so they cannot carry a per-request nonce, and hashes cannot follow them either: Next
//   writes the page's data as inline `self.__next_f.push(…)` scripts whose text changes with every post,
//   comment and re-render. Their scripts are therefore `'self' 'unsafe-inline'`: no script from another
//   host, inline ones allowed. What stops a script written by a blogger or a commenter there is the
//   sanitiser (lib/markdown/render.ts, rehype-sanitize), not the policy.
// - The administration is rendered per request anyway (it reads the session): it gets a fresh nonce
//   and `'strict-dynamic'`, so only Next's own scripts run there, even if a blogger's HTML shown in the
//   editor's preview or the comment queue slipped past the sanitiser.

export type SecuritySettings = {
  protocol: "http" | "https";
  /** Host (and port) of the platform. */
  rootDomain: string;
  /** `next dev` evaluates code (React's call stacks): allowed there only. */
  development: boolean;
};

const join = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => (value === "" ? name : `${name} ${value}`))
    .join("; ");

function contentSecurityPolicy(settings: SecuritySettings, scripts: string): string {
  const platform = `${settings.protocol}://${settings.rootDomain}`;
  return join({
    "default-src": "'self'",
    "script-src": settings.development ? `${scripts} 'unsafe-eval'` : scripts,
    // React's style attributes (the blog's accent colour) are inline styles.
    "style-src": "'self' 'unsafe-inline'",
    // Posts may show images of other sites (Markdown `![](https://…)`); the administration shows the
    // blogs' media from their own hosts.
    "img-src": "'self' data: blob: https: http:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    // Forms post to their own page; the platform's address covers a form of a blog page that leads there.
    "form-action": `'self' ${platform}`,
    "frame-ancestors": "'none'",
    ...(settings.protocol === "https" ? { "upgrade-insecure-requests": "" } : {}),
  });
}

export type SecurityHeaders = {
  /** The headers of a pre-rendered page (the same for every request). */
  staticPage: [string, string][];
  /** The headers of an administration page, whose scripts carry `nonce`; `policy` is its Content-Security-Policy. */
  dynamicPage: (nonce: string) => { policy: string; headers: [string, string][] };
};

export function buildSecurityHeaders(settings: SecuritySettings): SecurityHeaders {
  const common: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    // For browsers that predate frame-ancestors.
    ["X-Frame-Options", "DENY"],
    // Browsers remember it for two years: only when the operator serves every address over TLS.
    ...(settings.protocol === "https" ? [["Strict-Transport-Security", "max-age=63072000; includeSubDomains"] as [string, string]] : []),
  ];
  return {
    staticPage: [["Content-Security-Policy", contentSecurityPolicy(settings, "'self' 'unsafe-inline'")], ...common],
    dynamicPage: (nonce) => {
      const policy = contentSecurityPolicy(settings, `'nonce-${nonce}' 'strict-dynamic'`);
      return { policy, headers: [["Content-Security-Policy", policy], ...common] };
    },
  };
}

/** A fresh nonce for one response (128 random bits). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

// Built once for the address read at run time (the policy names the platform), not for each request.
let cached: { key: string; headers: SecurityHeaders } | undefined;

/** The security headers for the platform's address (`protocol` « http: » or « https: »), built once. */
export function securityHeadersFor({ rootDomain, protocol }: { rootDomain: string; protocol: string }): SecurityHeaders {
  const key = `${protocol}//${rootDomain}`;
  if (cached?.key !== key) {
    cached = { key, headers: buildSecurityHeaders({ protocol: protocol === "https:" ? "https" : "http", rootDomain, development: process.env.NODE_ENV === "development" }) };
  }
  return cached.headers;
}
