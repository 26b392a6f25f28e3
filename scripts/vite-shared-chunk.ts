import type { Plugin, UserConfig } from "vite";

/** The name of the one chunk that holds the app's own modules shared by pages loaded on demand. */
export const SHARED_CHUNK = "pages-shared";

/** The app's own source: what may go into the shared chunk (libraries keep their own chunks). */
const APP_SOURCE = /[\\/]src[\\/](web|domain|contracts)[\\/]/;

/**
 * One chunk for the app's own small modules that two or more lazily loaded pages share.
 *
 * Left to itself the bundler gives every distinct set of importers its own chunk: «Mi municipio»
 * needed 34 files of 0.3–2 KB beyond the entry, and over HTTP/1.1's six connections per host
 * they arrived in rounds (decision 0033). Merged, a page asks for its own chunk and this one.
 *
 * What the entry loads at start stays in the entry (a module in the static graph of an entry is
 * never captured, or the entry would import the shared chunk). Libraries stay out, and so does
 * any module that reaches one the entry does not load (charts, the editor, the map): captured, it
 * would make every page load them.
 */
export function sharedChunkPlugin(): Plugin {
  const initial = new Set<string>();
  const heavy = new Set<string>();
  return {
    name: "mrtm-shared-chunk",
    apply: "build",
    config(): UserConfig {
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [
                  {
                    name: SHARED_CHUNK,
                    test: (id: string) => APP_SOURCE.test(id) && !initial.has(id) && !heavy.has(id),
                    minShareCount: 2,
                    // A captured module's imports stay where they are: pulling React or a
                    // library in after it would move them out of the entry.
                    includeDependenciesRecursively: false,
                  },
                ],
              },
            },
          },
        },
      };
    },
    buildEnd() {
      // Everything an entry reaches through static imports: it runs at start, from the entry.
      const pending = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      while (pending.length > 0) {
        const id = pending.pop() as string;
        if (initial.has(id)) {
          continue;
        }
        initial.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      const imports = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      for (const id of this.getModuleIds()) {
        if (!APP_SOURCE.test(id) && !initial.has(id)) {
          heavy.add(id);
        }
      }
      // Whatever imports a heavy module, directly or not, is heavy too: repeat until nothing moves.
      for (let moved = true; moved; ) {
        moved = false;
        for (const id of this.getModuleIds()) {
          if (!heavy.has(id) && imports(id).some((imported) => heavy.has(imported))) {
            heavy.add(id);
            moved = true;
          }
        }
      }
    },
  };
}
