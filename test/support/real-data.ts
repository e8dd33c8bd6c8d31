import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Real municipalities' OParl data, kept beside the repository (`../shared/oparl/real/`, see its
 * SOURCE.md) and never copied into it. Tests that need it run where it is (CI) and say that
 * they were skipped where it is not (a fresh clone).
 */
export const REAL_DATA = join(__dirname, '..', '..', '..', 'shared', 'oparl', 'real');

/** The Karlsruhe slice: OParl 1.1 of a Somacos SessionNet, with the text of the real PDFs in File.text. */
export const KARLSRUHE_ARCHIVE = join(REAL_DATA, 'karlsruhe-2024.tar.xz');

/** Whether a real-data file is here; logs why a suite is skipped when it is not. */
export function realDataPresent(path: string, suite: string): boolean {
  if (existsSync(path)) return true;
  console.log(`${suite} skipped: ${path} not found (real data is kept beside the repository, not in it)`);
  return false;
}

/** Unpacks a real-data archive into a temporary folder; returns the folder and its remover. */
export async function unpackArchive(archive: string): Promise<{ folder: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'ratsinfo-real-'));
  await promisify(execFile)('tar', ['xJf', archive, '-C', folder], { maxBuffer: 16 * 1024 * 1024 });
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}
