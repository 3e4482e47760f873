import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchTotp, totpCode } from "~/auth/totp.server";

// RFC 6238's SHA-1 test secret, "12345678901234567890", in base32.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors (last six digits)", () => {
    expect(totpCode(RFC_SECRET, Math.floor(59 / 30))).toBe("287082");
    expect(totpCode(RFC_SECRET, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpCode(RFC_SECRET, Math.floor(2000000000 / 30))).toBe("279037");
  });

  it("round-trips base32", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 17]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it("accepts a code one step either side of now, and each step only once", () => {
    const at = 1_700_000_000_000;
    const step = Math.floor(at / 30_000);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), null, at)).toBe(step);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), null, at)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), null, at)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), step, at)).toBeNull();
    expect(matchTotp(RFC_SECRET, "12345", null, at)).toBeNull();
  });
});
