// Types of '@bookto/verify-wasm/backend': the backend @bookto/verify builds
// its API over (its shape is described at the top of api.mjs). Not for
// direct use: import the package itself.

/** The wasm backend. Under Node and Bun it comes instantiated (backend.cjs); elsewhere import an entry of the package first. */
export declare const backend: {
  readonly name: 'wasm';
  readonly Verifier: new (secrets: string[]) => unknown;
  readonly sign: (secret: string, timestamp: number | bigint, body: Uint8Array) => [timestamp: string, signature: string];
  readonly parseEvent: (body: Uint8Array) => string;
  readonly readsHeader: (name: string) => boolean;
};
