import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Paths {
  dbPath: string;
  configPath: string;
}

/**
 * Where data lives (contract): PORTFOLIO_HOME=DIR puts both files in DIR; otherwise XDG data and config
 * homes; `--db FILE` overrides the database for one call.
 */
export function resolvePaths(env: NodeJS.ProcessEnv, dbOverride?: string): Paths {
  const home = env.PORTFOLIO_HOME;
  if (home) {
    return { dbPath: dbOverride ?? join(home, 'portfolio.db'), configPath: join(home, 'config.json') };
  }
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return {
    dbPath: dbOverride ?? join(dataHome, 'portfolio', 'portfolio.db'),
    configPath: join(configHome, 'portfolio', 'config.json'),
  };
}
