import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
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
 * Watches the project's sources with `fs.watch` (recursive: Linux with Node
 * 20.19+, macOS, Windows) and reports changes in batches, one per kind, once
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
  for (const { path, kind } of WATCHED) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    // A single file is watched through its folder: editors that save by renaming a new file over it replace its inode.
    const isFolder = statSync(full).isDirectory();
    const watcher = isFolder
      ? watch(full, { recursive: true }, (_event, name) => note(kind, relative(root, name ? join(full, name.toString()) : full)))
      : watch(dirname(full), (_event, name) => {
          if (name?.toString() === basename(full)) note(kind, path);
        });
    // A folder removed while watched ends its watcher; the others go on.
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
