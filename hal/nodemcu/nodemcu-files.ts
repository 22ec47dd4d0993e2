import type { FileStore } from "../contracts";

/** The board's files in the NodeMCU file system (`file.list`, `file.getcontents`). */
export function nodeMcuFiles(): FileStore {
  return {
    list: (prefix: string): string[] => {
      const names: string[] = [];
      const all = file.list();
      for (const name in all) if (name.substring(0, prefix.length) === prefix) names.push(name.substring(prefix.length));
      names.sort();
      return names;
    },
    read: (name: string): string | undefined => file.getcontents(name),
  };
}
