import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StoreUnavailableError } from './store';

/**
 * Replaces the file at `path` with `text`, atomically and durably: the new content goes to a temp
 * file in the same directory, which is fsynced, then renamed over the old file, and the directory
 * is fsynced so the rename itself survives a power cut. A crash leaves either the old file or the
 * new one, never half of one. Mode 0600: these files hold refresh tokens and stored answers.
 * `what` names the file in the error ("the state file").
 */
export async function writeFileAtomically(path: string, text: string, what: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
    const directory = await open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new StoreUnavailableError('embedded', `cannot write ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
