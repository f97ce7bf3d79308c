// Types of scripts/devtools.cjs.
export type DevTools =
  | { mode: 'connect'; wsEndpoint: string }
  | { mode: 'launch'; cliPath: string }
  | { mode: 'none'; reason: string };

export declare const DEFAULT_CLI_PATHS: readonly string[];
export declare function findDevTools(env?: NodeJS.ProcessEnv): DevTools;
