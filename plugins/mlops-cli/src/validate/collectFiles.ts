import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'dist-types']);

/**
 * The YAML files named on the command line, with folders searched for
 * `*.yaml` and `*.yml` files (skipping node_modules, .git and build output).
 * Files keep the order they were named in; a folder's files are sorted.
 */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) {
      files.push(...(await yamlFilesIn(path)));
    } else {
      files.push(path);
    }
  }
  return files;
}

async function yamlFilesIn(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name))
        found.push(...(await yamlFilesIn(path)));
    } else if (/\.ya?ml$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
