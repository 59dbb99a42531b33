/**
 * What a bug report needs to carry: the versions (portfolio, Node.js, database schema) and where
 * the data and config live. Used by `--version` and `status`; cheap, and writes nothing.
 */
import { dirname } from 'node:path';
import type { Paths } from '../paths.js';
import { readSchemaVersion, SCHEMA_VERSION } from '../store/db-file.js';

export interface About {
  version: string;
  node: string;
  platform: string;
  /** The schema this build writes; `databaseSchemaVersion` is the database file's (null: none yet). */
  schemaVersion: number;
  databaseSchemaVersion: number | null;
  dbPath: string;
  configPath: string;
  dataDir: string;
  configDir: string;
}

export function aboutInstall(version: string, paths: Paths): About {
  return {
    version,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    schemaVersion: SCHEMA_VERSION,
    databaseSchemaVersion: readSchemaVersion(paths.dbPath),
    dbPath: paths.dbPath,
    configPath: paths.configPath,
    dataDir: dirname(paths.dbPath),
    configDir: dirname(paths.configPath),
  };
}

function schemaText(a: About): string {
  if (a.databaseSchemaVersion === null) return `${a.schemaVersion} (no database yet)`;
  if (a.databaseSchemaVersion === a.schemaVersion) return `${a.schemaVersion}`;
  return `${a.schemaVersion} (database at ${a.databaseSchemaVersion}${a.databaseSchemaVersion < a.schemaVersion ? ', upgraded on next use' : ', written by a newer portfolio'})`;
}

/** `--version`: the bare version first (what scripts read), then the rest for bug reports. */
export function formatVersion(a: About): string[] {
  return [a.version, `Node.js  ${a.node} (${a.platform})`, `schema   ${schemaText(a)}`, `database ${a.dbPath}`, `config   ${a.configPath}`];
}

/** The lines `status` adds. */
export function formatAbout(a: About): string[] {
  return [`Version      portfolio ${a.version}, Node.js ${a.node} (${a.platform}), schema ${schemaText(a)}`, `Database     ${a.dbPath}`, `Config       ${a.configPath}`];
}
