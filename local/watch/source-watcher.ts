import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** What a change calls for: re-synthesize the app (bin/, lib/, lambda/, cdk.json) or rebuild the website. */
export type ChangeKind = 'app' | 'website';

export interface ChangeBatch {
  kind: ChangeKind;
  /** Project-relative paths that changed, in the order seen. */
  files: string[];
}

/** Where each kind's sources are (the synthesis and website build inputs; see synth-cache.ts and website-build.ts). */
const WATCHED: readonly { path: string; kind: ChangeKind }[] = [
  { path: 'bin', kind: 'app' },
  { path: 'lib', kind: 'app' },
  { path: 'lambda', kind: 'app' },
  { path: 'cdk.json', kind: 'app' },
  { path: 'website/src', kind: 'website' },
  { path: 'website/public', kind: 'website' },
  { path: 'website/index.html', kind: 'website' },
  { path: 'website/vite.config.ts', kind: 'website' },
];

/** Editors' swap and backup files, and build output: not sources. */
const IGNORED = /(^|\/)(node_modules|dist|cdk\.out)(\/|$)|(\.swp|\.swx|~|\.tmp)$|(^|\/)\.#|(^|\/)4913$/;

/**
 * Watches the project's sources with one `fs.watch` per folder and reports changes in batches, one per kind, once
 * no change arrived for `debounceMs`: an editor's save (write, rename, chmod)
 * or a `git checkout` is one reload, not ten. A lib/ change that also touched
 * the website is reported as both kinds.
 */
export function watchSources(root: string, onBatch: (batch: ChangeBatch) => void, options: { debounceMs?: number } = {}): { close(): void } {
  const debounceMs = options.debounceMs ?? 250;
  const pending = new Map<ChangeKind, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batches = [...pending].map(([kind, files]) => ({ kind, files: [...files] }));
    pending.clear();
    for (const batch of batches) onBatch(batch);
  };
  const watchers: FSWatcher[] = [];
  const note = (kind: ChangeKind, file: string) => {
    if (IGNORED.test(file)) return;
    let files = pending.get(kind);
    if (!files) pending.set(kind, (files = new Set()));
    files.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  // One watcher per folder, not `fs.watch(…, { recursive: true })`: Node 20's recursive watch on Linux
  // watches files one by one and lost a file that `git checkout` or an editor replaced (a new inode),
  // after which its edits went unseen. A folder's watcher reports every name in it, however replaced.
  const watchedFolders = new Set<string>();
  const watchFolder = (folder: string, kind: ChangeKind) => {
    if (watchedFolders.has(folder) || IGNORED.test(relative(root, folder))) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        const full = name ? join(folder, name.toString()) : folder;
        note(kind, relative(root, full));
        // A folder created (or moved in) meanwhile gets its own watcher, with what is already in it.
        if (name && existsSync(full) && statSync(full).isDirectory()) watchTree(full, kind);
      });
    } catch {
      return; // removed before it could be watched
    }
    watchedFolders.add(folder);
    // A folder removed while watched ends its watcher; the others go on.
    watcher.on('error', () => {
      watcher.close();
      watchedFolders.delete(folder);
    });
    watcher.on('close', () => watchedFolders.delete(folder));
    watchers.push(watcher);
  };
  const watchTree = (folder: string, kind: ChangeKind) => {
    watchFolder(folder, kind);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) watchTree(join(folder, entry.name), kind);
  };
  for (const { path, kind } of WATCHED) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) {
      watchTree(full, kind);
      continue;
    }
    // A single file is watched through its folder: editors that save by renaming a new file over it replace its inode.
    const watcher = watch(dirname(full), (_event, name) => {
      if (name?.toString() === basename(full)) note(kind, path);
    });
    watcher.on('error', () => watcher.close());
    watchers.push(watcher);
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
