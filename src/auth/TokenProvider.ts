/** What src/graph's auth middleware needs: an access token for the scopes of the request it is sending. */
export interface TokenProvider {
  /**
   * A bearer token valid for at least `scopes` (Graph scope names without the resource prefix, e.g.
   * "Contacts.ReadWrite"). Rejects with `AuthError` only.
   */
  getToken(scopes: readonly string[]): Promise<string>;
  /** Who is signed in, once known (display only; never log it). */
  getAccount(): SignedInAccount | undefined;
  /** Forgets tokens held in memory by this provider (MSAL's own cache is MSAL's to manage). */
  signOut(): Promise<void>;
}

export interface SignedInAccount {
  username: string;
  name?: string;
}
