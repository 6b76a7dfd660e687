import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../infra/data-dir-lock.js';

describe('the embedded data directory lock', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a second process cannot open a data directory another live process holds', async () => {
    dir = await mkdtemp(join(tmpdir(), 'arkivlos-lock-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, 'arkivlos.lock'), String(other.pid));
      await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(dir)).rejects.toThrow(/in use by process/);
    } finally {
      other.kill();
    }
  });

  it('a lock left by a process that died is taken over, and released on unlock', async () => {
    dir = await mkdtemp(join(tmpdir(), 'arkivlos-lock-'));
    const lockFile = join(dir, 'arkivlos.lock');
    await writeFile(lockFile, '2147483646');
    const unlock = await lockDataDir(dir);
    expect(await readFile(lockFile, 'utf8')).toBe(String(process.pid));
    await unlock();
    expect(existsSync(lockFile)).toBe(false);
    const again = await lockDataDir(dir);
    expect(existsSync(lockFile)).toBe(true);
    await again();
  });
});
