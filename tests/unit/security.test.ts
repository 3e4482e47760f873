import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/auth/policy";
import { contentSecurityPolicy, isAllowedOrigin, securityHeaders } from "~/http/security";

const ORIGIN = "https://aftercare.example.org";

describe("security headers", () => {
  it("allow scripts only from this site or with this response's nonce", () => {
    const csp = contentSecurityPolicy("abc123", { development: false, https: true });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/https?:\/\//);
  });

  it("send HSTS only over https", () => {
    expect(securityHeaders("n", { development: false, https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders("n", { development: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("keep the referrer on our own origin only", () => {
    const headers = securityHeaders("n", { development: false, https: true });
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
  });
});

describe("the Origin check", () => {
  it("lets reads through and refuses writes from other sites", () => {
    expect(isAllowedOrigin("GET", { origin: "https://evil.example" }, [ORIGIN])).toBe(true);
    expect(isAllowedOrigin("POST", { origin: ORIGIN }, [ORIGIN])).toBe(true);
    expect(isAllowedOrigin("POST", { origin: "https://evil.example" }, [ORIGIN])).toBe(false);
    expect(isAllowedOrigin("POST", { origin: "null" }, [ORIGIN])).toBe(false);
    expect(isAllowedOrigin("DELETE", { origin: "https://aftercare.example.org.evil.example" }, [ORIGIN])).toBe(false);
  });

  it("without an Origin, trusts only the browser's same-origin fetch metadata", () => {
    expect(isAllowedOrigin("POST", { secFetchSite: "same-origin" }, [ORIGIN])).toBe(true);
    expect(isAllowedOrigin("POST", { secFetchSite: "cross-site" }, [ORIGIN])).toBe(false);
    expect(isAllowedOrigin("POST", {}, [ORIGIN])).toBe(false);
  });
});

describe("redirectTo after sign-in", () => {
  it("follows only paths on this site", () => {
    expect(safeRedirectPath("/staff?x=1")).toBe("/staff?x=1");
    // Non-ASCII (a Location header takes none) is percent-encoded, not a 500.
    expect(safeRedirectPath("/staff/search?q=Ганна")).toBe("/staff/search?q=%D0%93%D0%B0%D0%BD%D0%BD%D0%B0");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "staff", "", null, "/\nx"]) {
      expect(safeRedirectPath(bad)).toBeNull();
    }
  });
});
