import type { TokenProvider } from "./TokenProvider";

/**
 * Token provider for the local Graph emulator: the emulator accepts `Authorization: Bearer dev:<upn>` and
 * acts as that user (docs/contracts.md). Never used in a production build.
 */
export function createStaticTokenProvider(upn: string): TokenProvider {
  const token = `dev:${upn}`;
  return {
    getToken: async () => token,
    getAccount: () => ({ username: upn }),
    signOut: async () => undefined,
  };
}
