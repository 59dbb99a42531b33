import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const made: string[] = [];
const madeForFile: string[] = [];

function removeAll(dirs: string[]): void {
  while (dirs.length > 0) {
    const dir = dirs.pop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh temp folder, removed after the current test. */
export function tempDir(prefix = 'portfolio-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A fresh temp folder removed when the whole file is done: for tests that run concurrently, where
 * one test's end must not remove the folders of the others still running.
 */
export function tempDirForFile(prefix = 'portfolio-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeForFile.push(dir);
  return dir;
}

afterEach(() => removeAll(made));
afterAll(() => removeAll(madeForFile));
