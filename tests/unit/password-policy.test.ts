import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/auth/password-policy";

describe("the password rules", () => {
  it("asks 12 characters of clients and 15 of staff, with no class rules", () => {
    expect(passwordProblem("eleven char", "client")).toBe("password.tooShortClient");
    expect(passwordProblem("twelve chars", "client")).toBeNull();
    expect(passwordProblem("fourteen chars", "caseworker")).toBe("password.tooShortStaff");
    expect(passwordProblem("only lower case words", "caseworker")).toBeNull();
  });

  it("accepts any characters and at least 64 of them", () => {
    expect(passwordProblem("жыве вольная беларусь і мы", "partner")).toBeNull();
    expect(passwordProblem("a sentence ".repeat(6) + "1234", "admin")).toBeNull();
    expect(passwordProblem("x".repeat(300), "admin")).toBe("password.tooLong");
  });

  it("refuses common passwords and our own names", () => {
    expect(passwordProblem("qwertyuiop123", "client")).toBe("password.common");
    expect(passwordProblem("password12345", "client")).toBe("password.common");
    expect(passwordProblem("aaaaaaaaaaaaaaaa", "admin")).toBe("password.common");
    expect(passwordProblem("my aftercare login 2026", "admin")).toBe("password.containsName");
    expect(passwordProblem("centre of support rocks", "admin", ["Centre"])).toBe("password.containsName");
  });
});
